package dev.loadlab.coordinator.targetcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.HostStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A control API v3 stats body read through the protocol record becomes the sample the usage window cuts. */
class TargetControlClientTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aBuiltInProfilesStatsBecomeASample() {
        HostStats stats = Json.read("""
                {"config":{"profile":"multi-process","workers":2},"cpuSeconds":12.5,"rssBytes":1000,"requests":62,
                 "workers":[{"pid":41,"role":"worker","requests":30,"cpuSeconds":6.25,"rssBytes":500},
                            {"pid":42,"role":"worker","requests":32,"cpuSeconds":6.25,"rssBytes":500}],
                 "calibration":{"iterationsPerMs":5,"method":"m"},"method":"m","sampledAt":"2026-01-01T00:00:05Z",
                 "capacityCores":null,"machineCores":2}
                """, HostStats.class);

        assertThat(TargetControlClient.toSample(stats, AT))
                .isEqualTo(new TargetSample(
                        AT,
                        12.5,
                        1000,
                        List.of(
                                new TargetSample.ProcessSample(41, "worker", 6.25, 30L),
                                new TargetSample.ProcessSample(42, "worker", 6.25, 32L)),
                        null));
    }

    @Test
    void unknownRequestCountsOfACommandProfileStayUnknown() {
        HostStats stats = Json.read("""
                {"config":{"profile":"gunicorn","workers":2},"cpuSeconds":1.0,"rssBytes":10,"requests":null,
                 "workers":[{"pid":6,"role":"master","requests":null,"cpuSeconds":0.25,"rssBytes":5},
                            {"pid":7,"role":"worker","requests":null,"cpuSeconds":0.75,"rssBytes":5}],
                 "capacityCores":2.0,"machineCores":2,
                 "calibration":{"iterationsPerMs":5,"method":"m"},"method":"m","sampledAt":"2026-01-01T00:00:05Z",
                 "aFieldFromANewerHost":true}
                """, HostStats.class);

        assertThat(TargetControlClient.toSample(stats, AT))
                .isEqualTo(new TargetSample(
                        AT,
                        1.0,
                        10,
                        List.of(
                                new TargetSample.ProcessSample(6, "master", 0.25, null),
                                new TargetSample.ProcessSample(7, "worker", 0.75, null)),
                        2.0));
    }
}
