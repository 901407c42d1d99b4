package dev.loadlab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.WarmUp;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final UUID RUN = UUID.fromString("6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b");

    private static final String SCENARIO = """
            {"name": "s", "target": {"baseUrl": "http://127.0.0.1:9000"},
             "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
             "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "2s"}}
            """;

    @Test
    void messagesToAgentsRoundTripWithTheirType() {
        List<ToAgent> messages = List.of(
                new Welcome(1),
                new Refused(1, "speaks v2"),
                new Assignment(RUN, 0, 3, ScenarioCodec.decode(SCENARIO), 2, 2, null),
                new Start(RUN, 0, 3, 1_700_000_000_000L),
                new Cancel(RUN, 0, 3),
                new ResultAck(RUN, 0, 3));

        for (ToAgent message : messages) {
            String json = Messages.encode(message);

            assertThat(json).startsWith("{\"type\":");
            assertThat(Messages.toAgent(json)).isEqualTo(message);
        }
    }

    @Test
    void messagesToTheCoordinatorRoundTripWithTheirType() {
        List<ToCoordinator> messages = List.of(
                new Hello(new AgentInfo("a1", "host", 2, 1, "dev", "uuid")),
                new StepResult(
                        RUN,
                        0,
                        3,
                        "a1",
                        null,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T00:00:10Z"),
                        5,
                        List.of(new RequestResult("io", 100, 2, Map.of("http_5xx", 2L), "AAAA")),
                        3L,
                        0.5,
                        false,
                        false),
                new Ready(RUN, 0, 3, "a1"),
                new Interval(RUN, 0, 3, "a1", 4, false, List.of(), 0.25, true));

        for (ToCoordinator message : messages) {
            assertThat(Messages.toCoordinator(Messages.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void refusedKeepsItsWireShapeAcrossVersions() {
        // A mismatch is reported with this message, so its shape is frozen: an older agent must read it.
        assertThat(Messages.encode(new Refused(1, "why")))
                .isEqualTo("{\"type\":\"refused\",\"coordinatorProtocolVersion\":1,\"reason\":\"why\"}");
        assertThat(Messages.toAgent(
                        "{\"type\":\"refused\",\"coordinatorProtocolVersion\":7,\"reason\":\"x\",\"new\":1}"))
                .isEqualTo(new Refused(7, "x"));
    }

    @Test
    void aHelloWithoutAWarmUpReadsAsNullAndOneWithItRoundTrips() {
        // An agent built before the warm-up report sends no such field: it must still register.
        ToCoordinator older = Messages.toCoordinator("{\"type\":\"hello\",\"agent\":{\"id\":\"a1\",\"host\":\"h\","
                + "\"cores\":2,\"protocolVersion\":4,\"version\":\"dev\",\"memberUuid\":\"u\"}}");
        assertThat(((Hello) older).agent().warmUp()).isNull();

        Hello newer = new Hello(new AgentInfo(
                "a1", "h", 2, 4, "dev", "u", new WarmUp(7_250, 6, 9_876.5, false, true, 6_000, 5, 0.03, null)));
        assertThat(Messages.encode(newer)).contains("\"capped\":true");
        assertThat(Messages.toCoordinator(Messages.encode(newer))).isEqualTo(newer);
    }
}
