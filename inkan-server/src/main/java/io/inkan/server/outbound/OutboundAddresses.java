package io.inkan.server.outbound;

import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses the server may connect to for its users (SSRF defence, O4). A webhook or external
 * time-stamping URL that reaches loopback, link-local (cloud metadata at 169.254.169.254), private,
 * shared, unique-local, multicast or reserved addresses would let a project member probe and call the
 * server's internal network; such addresses are refused unless a network of
 * {@code inkan.outbound.allowed-networks} holds them. Checked twice: when the URL is configured (a
 * precise 400), and on every connection for the addresses the name resolves to then, so a name that
 * is re-pointed afterwards (DNS rebinding) still reaches nothing internal.
 */
@Component
public class OutboundAddresses {

    private final List<Network> allowed;

    public OutboundAddresses(OutboundProperties properties) {
        this.allowed = properties.allowedNetworks().stream().map(Network::parse).toList();
    }

    /**
     * Why the server would refuse to connect to {@code url}'s host, or {@code null} if it would not.
     * The host is resolved now; the reason does not say what it resolved to. A name that does not
     * resolve yet is not refused here: every connection checks again.
     */
    public String refusal(URI url) {
        try {
            resolve(url.getHost());
            return null;
        } catch (Refused e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The host's addresses, all of them allowed, or {@link Refused}. */
    InetAddress[] resolve(String host) throws UnknownHostException {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(literal);
        if (!Arrays.stream(addresses).allMatch(this::allowed)) {
            throw new Refused();
        }
        return addresses;
    }

    boolean allowed(InetAddress address) {
        return isPublic(address) || allowed.stream().anyMatch(network -> network.contains(address));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                            // "this" network
                    && !(first == 100 && (second & 0xc0) == 64)          // 100.64/10 shared (carrier NAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(first == 198 && (second & 0xfe) == 18)          // 198.18/15 benchmarking
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 2) // documentation (TEST-NET-1..3)
                    && !(first == 198 && second == 51 && (b[2] & 0xff) == 100)
                    && !(first == 203 && second == 0 && (b[2] & 0xff) == 113)
                    && first < 240;                                      // reserved and broadcast
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return false;                                                // fc00::/7 unique local
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false;                                                // 2001:db8::/32 documentation
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return isPublic(v4(b, 2));                                   // 6to4 carries an IPv4 address
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        boolean compatible = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
        if (nat64 || compatible) {
            return isPublic(v4(b, 12));
        }
        return true;
    }

    private static InetAddress v4(byte[] bytes, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host resolves to an address outbound calls may not reach. */
    public static final class Refused extends UnknownHostException {
        Refused() {
            super("the host is or resolves to a loopback, link-local, private or reserved address, which"
                    + " inkan.outbound.allowed-networks does not allow");
        }
    }
}
