package dev.loadlab.protocol.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetAllowlistTest {
    /** A resolver with fixed answers, so that no test depends on the machine's DNS or hosts file. */
    private static TargetAllowlist.Resolver fixed(Map<String, List<String>> answers) {
        return host -> {
            List<String> addresses = answers.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }

    private static final TargetAllowlist.Resolver LOCAL = fixed(Map.of(
            "localhost", List.of("127.0.0.1", "::1"),
            "both.test", List.of("127.0.0.1", "::1"),
            "split.test", List.of("127.0.0.1", "10.0.0.5"),
            "far.test", List.of("203.0.113.9")));

    private static TargetAllowlist list(String entries) {
        return TargetAllowlist.of(List.of(entries.split(",")), LOCAL);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1,localhost,[::1]|http://127.0.0.1:9000",
                "127.0.0.1,localhost,[::1]|http://[::1]:9000/x",
                "127.0.0.1,localhost,[::1]|http://LOCALHOST:9000",
                "127.0.0.1,localhost,[::1]|https://localhost",
                "::1|http://[::1]/",
                "[::1]|http://[0:0:0:0:0:0:0:1]/",
                "127.0.0.0/8|http://127.8.9.10:80",
                "10.1.0.0/16|http://10.1.255.1",
                "10.1.128.0/17|http://10.1.200.1",
                "::1/128|http://[::1]:8080",
                "fd00::/8|http://[fd12:3456::1]",
                "[2001:db8::]/33|http://[2001:db8:7fff::1]",
                "127.0.0.1|http://[::ffff:127.0.0.1]",
                "127.0.0.1,::1|http://both.test:9000",
                "far.test|http://far.test",
            })
    void allows(String entries, String url) {
        TargetAllowlist.Check check = list(entries).check(url);

        assertThat(check.refusal()).isNull();
        assertThat(check.allowed()).isTrue();
        assertThat(check.addresses()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1,localhost,[::1]|http://10.0.0.1:9000|host 10.0.0.1 is not on the target allowlist",
                "127.0.0.1|http://127.0.0.2|host 127.0.0.2 is not on the target allowlist",
                "10.1.128.0/17|http://10.1.127.255|host 10.1.127.255 is not on",
                "fd00::/8|http://[fe00::1]|host [fe00::1] is not on",
                "[2001:db8::]/33|http://[2001:db8:8000::1]|host [2001:db8:8000::1] is not on",
                "::1/128|http://[::2]|host [::2] is not on",
                "127.0.0.1,localhost,[::1]|http://127.0.0.1:99999|port 99999 is outside 1-65535",
                "127.0.0.1,localhost,[::1]|http://127.0.0.1:0/|port 0 is outside 1-65535",
                "127.0.0.1,localhost,[::1]|http://[::1]:65536|port 65536 is outside 1-65535",
                "127.0.0.1,::1|http://split.test|resolves to [10.0.0.5] outside it",
                "127.0.0.1,::1|http://far.test|resolves to [203.0.113.9] outside it",
                "127.0.0.1,::1|http://nowhere.test|host nowhere.test does not resolve",
                "10.255.255.1|http://127.0.0.1:9000|host 127.0.0.1 is not on the target allowlist [10.255.255.1]",
            })
    void refuses(String entries, String url, String reason) {
        TargetAllowlist.Check check = list(entries).check(url);

        assertThat(check.allowed()).isFalse();
        assertThat(check.refusal()).contains(reason);
        assertThat(check.addresses()).isEmpty();
    }

    @Test
    void resolvesANameOnceAndKeepsEveryAddress() {
        int[] lookups = {0};
        TargetAllowlist allowlist = TargetAllowlist.of(List.of("127.0.0.0/8", "::1/128"), host -> {
            lookups[0]++;
            return LOCAL.resolve(host);
        });

        TargetAllowlist.Check check = allowlist.check("http://localhost:9000");

        assertThat(check.allowed()).isTrue();
        assertThat(lookups[0]).isEqualTo(1);
        assertThat(check.addresses())
                .extracting(InetAddress::getHostAddress)
                .hasSize(2)
                .contains("127.0.0.1");
    }

    @Test
    void theDefaultAllowsLoopbackOnly() {
        TargetAllowlist allowlist = TargetAllowlist.of(List.of(TargetAllowlist.DEFAULT.split(",")), LOCAL);

        assertThat(allowlist.check("http://[::1]:9000").allowed()).isTrue();
        assertThat(allowlist.check("http://localhost:9000").allowed()).isTrue();
        assertThat(allowlist.check("http://127.0.0.1:9000").allowed()).isTrue();
        assertThat(allowlist.check("http://192.168.1.1:9000").allowed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1/33|must have a prefix length between 0 and 32",
                "::1/129|must have a prefix length between 0 and 128",
                "10.0.0.0/x|must have a prefix length",
                "example.com/8|must be an IP address before the '/'",
                "256.1.1.1|is not an IPv4 address",
                "127.1|is not an IPv4 address",
                "[gg::1]|is not an IPv6 address",
                "[::1|is not an IPv6 address",
                "bad host!|must be a host name, an IP address",
            })
    void refusesAnEntryItCannotRead(String entry, String message) {
        assertThatThrownBy(() -> TargetAllowlist.of(List.of(entry), LOCAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowlist entry \"" + entry + "\"")
                .hasMessageContaining(message);
    }

    @Test
    void namesAPortOutOfBounds() {
        assertThat(TargetAllowlist.portProblem(URI.create("http://127.0.0.1:99999")))
                .isEqualTo("port 99999 is outside 1-65535");
        assertThat(TargetAllowlist.portProblem(URI.create("http://127.0.0.1:65535")))
                .isNull();
        assertThat(TargetAllowlist.portProblem(URI.create("http://127.0.0.1"))).isNull();
    }
}
