package org.lessonloop.live;

import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.lessonloop.architecture.FeatureApi;

/**
 * Which pages may open a live socket. A WebSocket upgrade is a GET, which skips the CSRF check,
 * and the browser sends the session cookie with it whatever page opens it: without this check a
 * page of another site could listen as the signed-in user (cross-site WebSocket hijacking). A
 * browser names the page's origin in {@code Origin} (RFC 6455 §4.1, 10.2); it must be the server's
 * own (the {@code Host} the browser addressed) or the configured public URL's. A request without
 * {@code Origin} comes from no browser (a script with the cookie already has the session).
 */
@FeatureApi
public final class OriginCheck {
    private final Optional<Origin> publicOrigin;

    private record Origin(String scheme, String host, int port) {
        static Optional<Origin> parse(String text) {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    return Optional.empty();
                }
                return Optional.of(new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT),
                        uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme)));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }

        static int defaultPort(String scheme) {
            return scheme.equals("https") ? 443 : 80;
        }
    }

    public OriginCheck(Optional<URI> publicUrl) {
        this.publicOrigin = publicUrl.flatMap(url -> Origin.parse(url.getScheme() + "://" + url.getRawAuthority()));
    }

    /** {@code origin} as sent (null when absent); {@code host} the request's authority (null when absent). */
    public boolean allows(String origin, HostAndPort host) {
        if (origin == null) {
            return true;
        }
        Optional<Origin> page = Origin.parse(origin.strip()); // "null" (a sandboxed page, a file) does not parse
        if (page.isEmpty()) {
            return false;
        }
        if (page.equals(publicOrigin)) {
            return true;
        }
        // Behind a TLS-terminating proxy the request itself is plain HTTP: the page's scheme decides the default port.
        return host != null && stripBrackets(host.host()).equalsIgnoreCase(stripBrackets(page.get().host()))
                && (host.port() >= 0 ? host.port() : Origin.defaultPort(page.get().scheme())) == page.get().port();
    }

    /** An IPv6 address is written in brackets in a URL, and may or may not be in an authority. */
    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
