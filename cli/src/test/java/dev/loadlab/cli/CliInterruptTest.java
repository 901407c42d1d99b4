package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.cli.CannedCoordinator.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal while {@code watch} follows a run, against a canned coordinator whose run keeps running until it is
 * cancelled: the signal is fired by hand ({@link Interrupts#fire}) on the second poll (or while {@code run} submits). With someone to ask, Ctrl-C
 * asks and only a yes cancels; without (CI), SIGINT cancels at once and exits 3, as SIGTERM always does. The same
 * with a real process and a real SIGINT is CliCompareIT.
 */
class CliInterruptTest {
    private static final String CANCELLED = """
            {"id": "r1", "name": "sweep", "status": "CANCELLED", "scenario": %s, "steps": [],
             "verdict": {"outcome": "inconclusive", "reason": "the run was cancelled", "steps": []}}""".formatted(CannedRuns.SCENARIO);

    private final Interrupts interrupts = Interrupts.none();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Interrupts.Signal toFire = Interrupts.Signal.INT;
    private CannedCoordinator coordinator;

    @BeforeEach
    void start() {
        coordinator = new CannedCoordinator()
                .on("/api/v1/runs/r1/cancel", exchange -> {
                    cancelled.set(true);
                    return Reply.json(202, "{\"id\": \"r1\", \"status\": \"CANCELLING\"}");
                })
                .on("/api/v1/runs", exchange -> {
                    // Ctrl-C while the run is being submitted.
                    interrupts.fire(Interrupts.Signal.INT);
                    return Reply.json(202, "{\"id\": \"r1\", \"status\": \"QUEUED\"}");
                })
                .on("/api/v1/runs/r1/steps", exchange -> Reply.json(200, CannedRuns.TIMELINE))
                .on("/api/v1/runs/r1", exchange -> {
                    if (polls.incrementAndGet() == 2) {
                        interrupts.fire(toFire);
                    }
                    // Cancelled: one more poll still running (agents stopping), then CANCELLED.
                    return Reply.json(200, cancelled.get() && polls.get() > 3 ? CANCELLED : CannedRuns.RUNNING);
                });
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private record Watched(int code, String out, String err) {}

    private Watched watch(UnaryOperator<String> asker) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Output output = asker == null
                ? Output.plain(new PrintWriter(out, true), new PrintWriter(err, true))
                : Output.plain(new PrintWriter(out, true), new PrintWriter(err, true), asker);
        int code = CliMain.execute(
                new String[] {"watch", "r1", "--url", coordinator.url(), "--token", "t"}, Map.of(), output, interrupts);
        return new Watched(code, out.toString(), err.toString());
    }

    @Test
    void withoutATerminalSigintCancelsTheRunOnTheCoordinatorAndExits3AtOnce() {
        Watched watched = watch(null);
        assertThat(watched.code).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(cancelled).isTrue();
        assertThat(watched.err).contains("loadlab: SIGINT: cancelled run r1 on the coordinator (CANCELLING)");
        assertThat(polls).hasValue(2);
    }

    @Test
    void onATerminalYesCancelsAndKeepsWatchingToTheEnd() {
        List<String> questions = new CopyOnWriteArrayList<>();
        Watched watched = watch(question -> {
            questions.add(question);
            return "y";
        });
        assertThat(questions).containsExactly("cancel run r1 on the coordinator? [y/N] ");
        assertThat(cancelled).isTrue();
        assertThat(watched.code).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(watched.out)
                .contains("cancelled run r1 on the coordinator (CANCELLING); watching it to its end")
                .contains("(run CANCELLED)");
    }

    @Test
    void onATerminalNoKeepsWatchingWithoutCancelling() throws Exception {
        Thread cancelLater = Thread.ofVirtual().start(() -> {
            // The run is cancelled elsewhere a little later, so this watch ends.
            while (polls.get() < 4) {
                Thread.onSpinWait();
            }
            cancelled.set(true);
        });
        Watched watched = watch(question -> "");
        cancelLater.join();
        assertThat(watched.out).contains("still watching run r1 (it was not cancelled)");
        assertThat(coordinator.requests).noneMatch(r -> r.startsWith("POST"));
        assertThat(watched.code).isEqualTo(ExitCode.RUN_FAILED);
    }

    @Test
    void aSigintWhileTheRunIsSubmittedCancelsItOnceItHasAnId(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.json"), CannedRuns.SCENARIO);
        StringWriter err = new StringWriter();
        int code = CliMain.execute(
                new String[] {"run", scenario.toString(), "--url", coordinator.url(), "--token", "t"},
                Map.of(),
                Output.plain(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)),
                interrupts);
        assertThat(code).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(err.toString()).contains("SIGINT: cancelled run r1 on the coordinator (CANCELLING)");
        assertThat(coordinator.requests)
                .containsSubsequence("POST /api/v1/runs", "GET /api/v1/runs/r1", "POST /api/v1/runs/r1/cancel");
    }

    @Test
    void sigtermNeverAsks() {
        toFire = Interrupts.Signal.TERM;
        List<String> questions = new CopyOnWriteArrayList<>();
        Watched watched = watch(question -> {
            questions.add(question);
            return "n";
        });
        assertThat(questions).isEmpty();
        assertThat(watched.code).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(watched.err).contains("SIGTERM: cancelled run r1 on the coordinator");
    }
}
