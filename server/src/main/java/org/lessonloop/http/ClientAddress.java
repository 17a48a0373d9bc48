package org.lessonloop.http;

import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address a request comes from, for limits per client. Behind a reverse proxy every request
 * comes from the proxy, so X-Forwarded-For is read, but only when the connection is from a proxy
 * the operator named (LESSONLOOP_TRUSTED_PROXIES): anyone else could write any address there. The
 * client is the right-most entry that is not one of those proxies (each proxy appends its peer).
 */
public final class ClientAddress {
    private final Set<String> trustedProxies;

    public ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::normalized).collect(Collectors.toUnmodifiableSet());
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : normalized(request.remoteAddress().hostAddress());
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = request.headers().getAll("X-Forwarded-For").stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(",")))
                .map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normalized(hops.get(i));
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** One spelling per address (::1 and 0:0:0:0:0:0:0:1 alike); a literal is never looked up in DNS. */
    private static String normalized(String address) {
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
