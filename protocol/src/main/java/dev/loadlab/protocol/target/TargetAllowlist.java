package dev.loadlab.protocol.target;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hosts a LoadLab process may send load to. Each entry is a host name ({@code localhost}, compared without case),
 * an IP literal ({@code 127.0.0.1}, {@code [::1]} or {@code ::1}) or a CIDR range ({@code 127.0.0.0/8},
 * {@code ::1/128}, {@code [fd00::]/8}). A URL is allowed when its port is 1-65535 (or absent) and its host is:
 *
 * <ul>
 *   <li>an IP literal inside an IP or CIDR entry;
 *   <li>a listed name (the operator named it, e.g. a Kubernetes Service whose address is not known in advance);
 *   <li>any other name every address of which, resolved once at the check, is inside an IP or CIDR entry: {@code
 *       localhost} resolving to 127.0.0.1 and ::1 passes the default, a name with one address outside fails.
 * </ul>
 *
 * Addresses are parsed with {@link InetAddress} (an IPv4-mapped IPv6 address is the IPv4 address) and matched byte by
 * byte on the prefix, never as text. Immutable and thread-safe.
 */
public final class TargetAllowlist {
    /** Loopback only: the coordinator's and the agent's default. */
    public static final String DEFAULT = "127.0.0.1,localhost,[::1]";

    /** Resolves a host name to all its addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * The outcome of one check. Allowed: {@code refusal} is null and {@code addresses} are the host's addresses as
     * resolved for this check (the literal itself for an IP). Refused: {@code refusal} says why, without the field.
     */
    public record Check(String host, List<InetAddress> addresses, String refusal) {
        public Check {
            addresses = List.copyOf(addresses);
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    /** One IP or CIDR entry: the network's bytes and how many leading bits must match. */
    private record Range(byte[] network, int prefixBits) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<String> entries;
    private final List<String> names;
    private final List<Range> ranges;
    private final Resolver resolver;

    private TargetAllowlist(List<String> entries, List<String> names, List<Range> ranges, Resolver resolver) {
        this.entries = entries;
        this.names = names;
        this.ranges = ranges;
        this.resolver = resolver;
    }

    /** {@code "a,b"}, the form of {@link #DEFAULT} and of the {@code --allowed-targets} flags. */
    public static TargetAllowlist parse(String commaSeparated) {
        return of(Arrays.stream(commaSeparated.split(",")).toList());
    }

    /**
     * The allowlist of these entries (blank ones skipped), resolving names with the system resolver.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a host name, an IP literal nor a CIDR
     *     range
     */
    public static TargetAllowlist of(List<String> entries) {
        return of(entries, Resolver.SYSTEM);
    }

    /** As {@link #of(List)}, resolving names with {@code resolver}. */
    public static TargetAllowlist of(List<String> entries, Resolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        List<String> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            kept.add(entry);
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                ranges.add(cidr(entry, slash));
                continue;
            }
            InetAddress literal = literal(entry, "allowlist entry \"" + entry + "\"");
            if (literal != null) {
                ranges.add(new Range(literal.getAddress(), literal.getAddress().length * 8));
            } else {
                names.add(name(entry));
            }
        }
        return new TargetAllowlist(List.copyOf(kept), List.copyOf(names), List.copyOf(ranges), resolver);
    }

    /** The entries as configured, for messages. */
    public List<String> entries() {
        return entries;
    }

    /**
     * What is wrong with the port of {@code uri}, or null when it has none or one in 1-65535: {@code port 99999 is
     * outside 1-65535}.
     */
    public static String portProblem(URI uri) {
        int port = uri.getPort();
        if (port == -1 && uri.getRawAuthority() != null && uri.getHost() == null) {
            // new URI() keeps an authority it cannot parse as host:port as a registry name: say why.
            String authority = uri.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']') < colon) {
                return "port " + authority.substring(colon + 1) + " is outside 1-65535";
            }
            return null;
        }
        return port == -1 || (port >= 1 && port <= 65_535) ? null : "port " + port + " is outside 1-65535";
    }

    /** Checks {@code url} (an http:// or https:// URL), resolving a host name once, now. */
    public Check check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return new Check(null, List.of(), "is not a URL: \"" + url + "\"");
        }
        String port = portProblem(uri);
        if (port != null) {
            return new Check(uri.getHost(), List.of(), port);
        }
        if (uri.getHost() == null) {
            return new Check(null, List.of(), "must name a host, was \"" + url + "\"");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        InetAddress literal;
        try {
            literal = literal(host, "host " + host);
        } catch (IllegalArgumentException e) {
            return new Check(host, List.of(), e.getMessage());
        }
        if (literal != null) {
            return inRanges(literal)
                    ? new Check(host, List.of(literal), null)
                    : new Check(host, List.of(), "host " + host + " is not on the target allowlist " + entries);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(name);
        } catch (UnknownHostException e) {
            return new Check(host, List.of(), "host " + host + " does not resolve, so nothing is sent to it");
        }
        if (resolved == null || resolved.length == 0) {
            return new Check(host, List.of(), "host " + host + " resolves to no address, so nothing is sent to it");
        }
        if (names.contains(name)) {
            return new Check(host, Arrays.asList(resolved), null);
        }
        List<String> outside = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (!inRanges(address)) {
                outside.add(address.getHostAddress());
            }
        }
        if (outside.isEmpty()) {
            return new Check(host, Arrays.asList(resolved), null);
        }
        return new Check(
                host,
                List.of(),
                "host " + host + " is not on the target allowlist " + entries + " and resolves to " + outside
                        + " outside it");
    }

    private boolean inRanges(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private static Range cidr(String entry, int slash) {
        String what = "allowlist entry \"" + entry + "\"";
        InetAddress network = literal(entry.substring(0, slash), what);
        if (network == null) {
            throw new IllegalArgumentException(what + " must be an IP address before the '/' (e.g. 127.0.0.0/8)");
        }
        int max = network.getAddress().length * 8;
        int bits;
        try {
            bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException(what + " must have a prefix length between 0 and " + max);
        }
        return new Range(network.getAddress(), bits);
    }

    /**
     * The address {@code text} spells, or null when it is not shaped like one (a host name). IPv6 with or without
     * brackets; IPv4 as four decimal octets only (no {@code 127.1}, no octal).
     *
     * @throws IllegalArgumentException naming {@code what} when it is shaped like an address but is not one
     */
    private static InetAddress literal(String text, String what) {
        boolean bracketed = text.startsWith("[") || text.endsWith("]");
        if (bracketed || text.indexOf(':') >= 0) {
            String inner = bracketed && text.length() > 2 && text.startsWith("[") && text.endsWith("]")
                    ? text.substring(1, text.length() - 1)
                    : text;
            try {
                // In brackets, InetAddress only parses: a text that is no IPv6 literal fails without a DNS lookup.
                InetAddress address = InetAddress.getByName("[" + inner + "]");
                if (address instanceof Inet6Address six && six.getScopeId() != 0) {
                    throw new IllegalArgumentException(what + " must not carry an IPv6 zone");
                }
                return address;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(what + " is not an IPv6 address");
            }
        }
        if (text.isEmpty() || !text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(what + " is not an IPv4 address (four numbers 0-255)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || (parts[i].length() > 1 && parts[i].charAt(0) == '0')) {
                throw new IllegalArgumentException(what + " is not an IPv4 address (four numbers 0-255)");
            }
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                throw new IllegalArgumentException(what + " is not an IPv4 address (four numbers 0-255)");
            }
            bytes[i] = (byte) octet;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static String name(String entry) {
        String name = entry.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        boolean valid = !name.isEmpty()
                && name.length() <= 253
                && name.chars()
                        .allMatch(c ->
                                c == '.' || c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
        if (!valid) {
            throw new IllegalArgumentException("allowlist entry \"" + entry
                    + "\" must be a host name, an IP address ([::1] for IPv6) or a CIDR range (127.0.0.0/8)");
        }
        return name;
    }

    @Override
    public String toString() {
        return "TargetAllowlist" + entries;
    }
}
