package dev.loadlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkClientTest {
    private static final String OUTPUT = """
            Running 2s test @ http://127.0.0.1:18089/
              1 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   733.41us    1.05ms   7.93ms   85.68%
                Req/Sec    22.72k     5.59k   40.65k    85.00%
              Latency Distribution
                 50%  217.00us
                 75%    0.88ms
                 90%    2.26ms
                 99%    1.20s
              45246 requests in 2.00s, 6.95MB read
            Requests/sec:  22568.71
            Transfer/sec:      3.47MB
            """;

    @Test
    void readsRequestsPerSecondAndPercentilesInMilliseconds() {
        WrkClient.Result r = WrkClient.parse(OUTPUT);

        assertThat(r.rps()).isEqualTo(22568.71);
        assertThat(r.p50Ms()).isCloseTo(0.217, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.p99Ms()).isEqualTo(1200.0);
    }

    @Test
    void outputWithoutTheLatencyDistributionIsAnError() {
        assertThatThrownBy(() -> WrkClient.parse("Requests/sec:  100.00\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("latency distribution");
    }
}
