package org.lessonloop.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A network such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is the network of that one address. */
public record Cidr(byte[] network, int prefixBits) {

    /** Literal addresses only: a host name would make the check depend on DNS. */
    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        if (!parts[0].matches("[0-9A-Fa-f.:]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or network such as 10.0.0.0/8");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or network such as 10.0.0.0/8");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' needs a prefix length from 0 to " + bits);
            }
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
