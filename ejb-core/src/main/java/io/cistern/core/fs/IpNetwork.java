package io.cistern.core.fs;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of an export's client list: an IPv4 or IPv6 block in CIDR notation ("10.0.0.0/8", "fd00::/8") or a
 * single address. Only literals are accepted, never host names, so that parsing never waits on DNS and the list
 * means the same thing every time it is read.
 */
final class IpNetwork {
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    /** ::ffff:0:0/96, the IPv4-mapped prefix a dual-stack socket shows an IPv4 client under (RFC 4291 2.5.5.2). */
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final byte[] network;
    private final int prefixLength;

    private IpNetwork(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses one entry; IllegalArgumentException names the entry and says what is wrong with it. */
    static IpNetwork parse(String entry) {
        Objects.requireNonNull(entry, "network entry");
        String text = entry.strip();
        int slash = text.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash), entry);
        int maxPrefix = address.length * Byte.SIZE;
        int prefix = slash < 0 ? maxPrefix : parsePrefix(text.substring(slash + 1), maxPrefix, entry);
        if (!Arrays.equals(address, masked(address, prefix))) {
            throw invalid(entry, "bits are set after the /" + prefix + " prefix; did you mean "
                    + toText(masked(address, prefix)) + "/" + prefix + "?");
        }
        return new IpNetwork(address, prefix);
    }

    /** Whether the client is in this block; an IPv4-mapped IPv6 client counts as its IPv4 address. */
    boolean contains(InetAddress client) {
        byte[] address = unmapIpv4(client.getAddress());
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(masked(address, prefixLength), network);
    }

    @Override
    public String toString() {
        return toText(network) + "/" + prefixLength;
    }

    private static byte[] parseAddress(String text, String entry) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text, entry);
        }
        return parseIpv4(text, entry);
    }

    /** Strict dotted quad: inet_aton would also take "10.1" or octal "010.0.0.1", which an admin rarely means. */
    private static byte[] parseIpv4(String text, String entry) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_BYTES) {
            throw invalid(entry, "not an IPv4 address a.b.c.d or an IPv6 address (host names are not allowed)");
        }
        byte[] address = new byte[IPV4_BYTES];
        for (int i = 0; i < IPV4_BYTES; i++) {
            address[i] = (byte) parseOctet(parts[i], entry);
        }
        return address;
    }

    private static int parseOctet(String part, String entry) {
        boolean digits = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (part.length() > 1 && part.charAt(0) == '0')) {
            throw invalid(entry, "'" + part + "' is not a decimal number 0-255");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw invalid(entry, "'" + part + "' is not a decimal number 0-255");
        }
        return value;
    }

    /**
     * InetAddress parses an IPv6 literal without any lookup only if the text starts with a hex digit or ':' and
     * contains ':'; the character check keeps every other text (and zone ids like "%eth0", which name a local
     * interface) away from it.
     */
    private static byte[] parseIpv6(String text, String entry) {
        boolean literal = !text.isEmpty() && text.chars().allMatch(IpNetwork::isIpv6LiteralChar) && text.charAt(0) != '.';
        if (!literal) {
            throw invalid(entry, "not an IPv6 address");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw invalid(entry, "not an IPv6 address");
        }
        if (address instanceof Inet4Address) {
            // the JDK turns ::ffff:a.b.c.d into an IPv4 address; say so rather than guess what the prefix meant
            throw invalid(entry, "write IPv4-mapped addresses in IPv4 form; they match IPv4-mapped clients too");
        }
        return address.getAddress();
    }

    private static boolean isIpv6LiteralChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    private static int parsePrefix(String text, int maxPrefix, String entry) {
        boolean digits = !text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int prefix = digits ? Integer.parseInt(text) : -1;
        if (prefix < 0 || prefix > maxPrefix) {
            throw invalid(entry, "the prefix length must be a number from 0 to " + maxPrefix);
        }
        return prefix;
    }

    private static byte[] unmapIpv4(byte[] address) {
        boolean mapped = address.length == IPV6_BYTES
                && Arrays.equals(address, 0, IPV4_MAPPED_PREFIX.length, IPV4_MAPPED_PREFIX, 0, IPV4_MAPPED_PREFIX.length);
        return mapped ? Arrays.copyOfRange(address, IPV4_MAPPED_PREFIX.length, IPV6_BYTES) : address;
    }

    /** The address with every bit after the first {@code prefix} bits cleared. */
    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int bitsKept = Math.max(0, Math.min(Byte.SIZE, prefix - i * Byte.SIZE));
            result[i] &= (byte) (0xff << (Byte.SIZE - bitsKept));
        }
        return result;
    }

    private static String toText(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.length + " bytes", e);
        }
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("allowed network '" + entry + "': " + why);
    }
}
