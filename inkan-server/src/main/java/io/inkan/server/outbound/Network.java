package io.inkan.server.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** One network of the allow-list, in CIDR notation; written as an address literal, never looked up. */
record Network(byte[] prefix, int bits) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    static Network parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("inkan.outbound.allowed-networks: '" + cidr + "' is not an IP network");
        }
        try {
            byte[] prefix = InetAddress.getByName(address).getAddress();
            int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException("inkan.outbound.allowed-networks: '" + cidr + "' has a bad prefix length");
            }
            return new Network(prefix, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("inkan.outbound.allowed-networks: '" + cidr + "' is not an IP network", e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != prefix.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
