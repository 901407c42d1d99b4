package dev.loadlab.agent.gatling;

import static dev.loadlab.agent.gatling.Assignments.pauseStep;
import static dev.loadlab.agent.gatling.Assignments.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import dev.loadlab.protocol.scenario.Extract;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Stage;
import dev.loadlab.protocol.scenario.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Gatling against a real HTTP server on a free port: the user-journey level of scenario v2. */
class JourneysIT {
    @TempDir
    Path workDir;

    private JourneyServer server;
    private GatlingStepRunner runner;

    @BeforeEach
    void start() throws IOException {
        server = new JourneyServer();
        runner = new GatlingStepRunner(workDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachUserRunsOnceThenLoopsTheStepsInOrderAndFlowResultsMatchTheServer() throws Exception {
        Flow flow = new Flow(
                "shopper",
                1,
                List.of(step("login", "/login", null)),
                List.of(
                        step("browse", "/browse", null),
                        pauseStep(Pause.fixed(Duration.ofMillis(30))),
                        step("buy", "/buy", null)));
        Workload workload = new Workload(null, List.of(flow), null, null);
        StepHarness driver =
                StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, closed(3, 2), 0, 1, null));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        List<List<String>> journeys = server.journeys();
        assertThat(journeys).hasSize(3);
        for (List<String> journey : journeys) {
            assertThat(journey.getFirst()).isEqualTo("/login");
            List<String> loop = journey.subList(1, journey.size());
            assertThat(loop).isNotEmpty().doesNotContain("/login");
            assertThat(loop.size() % 2).as("every iteration completes: " + loop).isZero();
            for (int i = 0; i < loop.size(); i++) {
                assertThat(loop.get(i)).isEqualTo(i % 2 == 0 ? "/browse" : "/buy");
            }
        }
        Map<String, RequestResult> byName = byName(result);
        assertThat(byName.get("login").requests()).isEqualTo(3);
        assertThat(byName.get("browse").requests()).isEqualTo(server.count("/browse"));
        assertThat(byName.get("buy").requests()).isEqualTo(server.count("/buy"));

        FlowResult shopper = result.flows().getFirst();
        assertThat(shopper.name()).isEqualTo("shopper");
        assertThat(shopper.completed()).isEqualTo(server.count("/buy")).isGreaterThan(10);
        assertThat(shopper.failed()).isZero();
        Histogram durations = HistogramCodec.fromBase64(shopper.histogram());
        assertThat(durations.getTotalCount()).isEqualTo(shopper.completed());
        assertThat(durations.getMinValue())
                .as("the pause step is in every iteration")
                .isGreaterThanOrEqualTo(30);
        driver.assertIntervalsAddUpTo(result);
    }

    @Test
    void flowsArePickedByWeightAndAnErrorFailsItsIteration() throws Exception {
        Flow good = new Flow("good", 3, null, List.of(step("ok", "/ok", null)));
        Flow bad = new Flow("bad", 1, null, List.of(step("ok2", "/ok2", null), step("fail", "/fail", null)));
        Pause think = Pause.fixed(Duration.ofMillis(5));
        Workload workload = new Workload(null, List.of(good, bad), think, null);
        StepResult result = StepHarness.runToEnd(
                        runner, Assignments.v2(server.baseUrl(), workload, closed(40, 2), 0, 1, null))
                .get();

        Map<String, FlowResult> flows =
                result.flows().stream().collect(Collectors.toMap(FlowResult::name, Function.identity()));
        assertThat(flows.get("good").failed()).isZero();
        assertThat(flows.get("good").completed()).isEqualTo(server.count("/ok"));
        assertThat(flows.get("bad").completed())
                .isEqualTo(server.count("/fail"))
                .isPositive();
        assertThat(flows.get("bad").failed()).isEqualTo(flows.get("bad").completed());
        // Users pick a flow once: a connection sends one flow's requests only, and 3 of 4 users (roughly) are good.
        long goodUsers = server.journeys().stream()
                .filter(j -> j.stream().allMatch("/ok"::equals))
                .count();
        long badUsers = server.journeys().stream()
                .filter(j -> j.stream().noneMatch("/ok"::equals))
                .count();
        assertThat(goodUsers + badUsers).isEqualTo(40);
        assertThat(goodUsers).isBetween(22L, 38L);
    }

    @Test
    void aFailedSaveEndsTheIterationSoNoRequestNeedingTheValueIsSent() throws Exception {
        RequestSpec fetch = saving("fetch", "/fetch", "tok", "$.nothing");
        RequestSpec fine = saving("fine", "/fine", "ok", "$.token");
        Flow flow = new Flow(
                "broken",
                1,
                null,
                List.of(fine, step("useFine", "/use?t=${ok}", null), fetch, step("use", "/use?t=${tok}", null)));
        Workload workload = new Workload(null, List.of(flow), Pause.fixed(Duration.ofMillis(5)), null);
        StepResult result = StepHarness.runToEnd(
                        runner, Assignments.v2(server.baseUrl(), workload, closed(2, 1), 0, 1, null))
                .get();

        assertThat(server.count("/fetch")).isPositive();
        assertThat(server.count("/use?t=t-fine")).isEqualTo(server.count("/fetch"));
        assertThat(server.all()).allMatch(p -> !p.startsWith("/use?t=") || p.equals("/use?t=t-fine"));
        Map<String, RequestResult> byName = byName(result);
        assertThat(byName.get("use").requests()).isZero();
        assertThat(byName.get("fetch").failedChecks()).isEqualTo(Map.of("save(tok)", server.count("/fetch")));
        FlowResult broken = result.flows().getFirst();
        assertThat(broken.completed()).isEqualTo(server.count("/fetch"));
        assertThat(broken.failed()).isEqualTo(broken.completed());
        assertThat(result.failureMessages()).anyMatch(m -> m.startsWith("fetch: save(tok)"));
        // Every user went round the loop many times: a restart is the next iteration, not the end of the user.
        assertThat(server.journeys())
                .allMatch(j -> j.stream().filter("/fetch"::equals).count() > 5);
    }

    @Test
    void aFailedSaveInOnceRetriesOnceAfterThePause() throws Exception {
        Flow flow = new Flow(
                "login",
                1,
                List.of(saving("login", "/login", "tok", "$.nothing")),
                List.of(step("after", "/after?t=${tok}", null)));
        Workload workload = new Workload(null, List.of(flow), Pause.fixed(Duration.ofMillis(100)), null);
        StepResult result = StepHarness.runToEnd(
                        runner, Assignments.v2(server.baseUrl(), workload, closed(2, 2), 0, 1, null))
                .get();

        assertThat(server.count("/login")).isPositive();
        assertThat(server.all()).containsOnly("/login");
        for (List<String> journey : server.journeys()) {
            // Each login is followed by its think time (100 ms) and the retry's pause (100 ms): about 10 in 2 s.
            assertThat(journey.size()).as("logins of one user").isBetween(6, 12);
        }
        assertThat(result.flows().getFirst().completed()).isZero();
    }

    @Test
    void aFixedPauseSetsTheClosedModelsThroughput() throws Exception {
        Workload workload = new Workload(
                List.of(new RequestSpec("fast", "GET", "/fast", 1)), null, Pause.fixed(Duration.ofMillis(200)), null);
        Load load = new Load(LoadModel.CLOSED, 4, null, Duration.ofSeconds(1), Duration.ofSeconds(4));
        StepHarness driver = StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, load, 0, 1, null));
        StepResult result = driver.get();

        RequestResult fast = byName(result).get("fast");
        double meanLatencyS = HistogramCodec.fromBase64(fast.histogram()).getMean() / 1000;
        double seconds =
                Duration.between(result.measuredFrom(), result.measuredTo()).toMillis() / 1000.0;
        double throughput = fast.requests() / seconds;
        double expected = 4 / (0.2 + meanLatencyS);
        assertThat(throughput).isBetween(expected * 0.9, expected * 1.1);
        assertThat(fast.requests() + result.warmupRequests()).isEqualTo(server.count("/fast"));
        assertThat(result.flows()).as("the simple form has no flows").isEmpty();
        driver.assertIntervalsAddUpTo(result);
    }

    @Test
    void aClosedRampAddsUsersSecondBySecondAndStagesAddUpToTheStep() throws Exception {
        Workload workload = new Workload(
                null, List.of(new Flow("io", 1, null, List.of(step("io", "/io?ms=50", null)))), null, null);
        Load load = staged(
                LoadModel.CLOSED,
                new Stage(8, null, Duration.ofSeconds(4), null),
                new Stage(8, null, null, Duration.ofSeconds(2)));
        StepHarness driver = StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, load, 0, 1, null));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        List<Long> perSecond = perSecond(driver);
        assertThat(perSecond.size()).isGreaterThanOrEqualTo(6);
        for (int s = 1; s < 4; s++) {
            assertThat(perSecond.get(s)).as("second " + s + " of " + perSecond).isGreaterThan(perSecond.get(s - 1));
        }
        assertThat(perSecond.get(4)).as("holding: " + perSecond).isGreaterThan(perSecond.get(2));
        assertThat(server.journeys()).as("8 users at the peak").hasSize(8);
        assertStagesAddUp(result, 2);
        assertThat(result.stages().get(0).seconds()).isEqualTo(4);
        assertThat(result.flows().getFirst().completed()).isEqualTo(server.count("/io?ms=50"));
        driver.assertIntervalsAddUpTo(result);
    }

    @Test
    void usersLeftInactiveByAStageWaitAndComeBackWhenTheLevelRises() throws Exception {
        // The simple form under stages: 4 users for 1 s, none for 1 s, 4 again for 1 s.
        Workload workload = new Workload(List.of(new RequestSpec("io", "GET", "/io?ms=50", 1)), null, null, null);
        Load load = staged(
                LoadModel.CLOSED,
                new Stage(4, null, null, Duration.ofSeconds(1)),
                new Stage(0, null, null, Duration.ofSeconds(1)),
                new Stage(4, null, null, Duration.ofSeconds(1)));
        StepHarness driver = StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, load, 0, 1, null));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        List<Long> perSecond = perSecond(driver);
        assertThat(perSecond.get(0)).as(perSecond.toString()).isGreaterThan(40);
        // Only the iterations under way at 1 s finish in the second stage: at most one per user.
        assertThat(perSecond.get(1)).as(perSecond.toString()).isLessThanOrEqualTo(4);
        assertThat(perSecond.get(2)).as(perSecond.toString()).isGreaterThan(40);
        assertThat(server.journeys())
                .as("the same 4 users, on their own connections")
                .hasSize(4);
        assertThat(result.stages()).extracting(StageResult::seconds).startsWith(1L, 1L);
        assertStagesAddUp(result, 3);
        long recorded =
                result.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(recorded).isEqualTo(server.all().size());
        driver.assertIntervalsAddUpTo(result);
    }

    @Test
    void anOpenRampRaisesTheArrivalRateAndEachArrivalRunsItsFlowOnce() throws Exception {
        Flow flow = new Flow("visit", 1, List.of(step("login", "/login", null)), List.of(step("look", "/look", null)));
        Workload workload = new Workload(null, List.of(flow), null, null);
        Load load = staged(
                LoadModel.OPEN,
                new Stage(null, 40.0, Duration.ofSeconds(3), null),
                new Stage(null, 40.0, null, Duration.ofSeconds(1)));
        StepHarness driver = StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, load, 0, 1, null));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        long looks = server.count("/look");
        assertThat(server.count("/login")).isEqualTo(looks);
        // 0 -> 40 /s over 3 s is 60 arrivals, then 40 more.
        assertThat(looks).isBetween(90L, 110L);
        List<Long> perSecond = perSecond(driver);
        assertThat(perSecond.get(1)).as(perSecond.toString()).isGreaterThan(perSecond.get(0));
        assertThat(perSecond.get(2)).as(perSecond.toString()).isGreaterThan(perSecond.get(1));
        assertThat(result.flows().getFirst().completed()).isEqualTo(looks);
        assertThat(result.behindSchedule()).isFalse();
        assertStagesAddUp(result, 2);
    }

    @Test
    void aStagedAgentTakesItsShare() throws Exception {
        Workload workload = new Workload(
                null, List.of(new Flow("io", 1, null, List.of(step("io", "/io?ms=20", null)))), null, null);
        Load load = staged(LoadModel.CLOSED, new Stage(5, null, null, Duration.ofSeconds(1)));
        StepResult result = StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, load, 2, 3, null))
                .get();
        assertThat(result.failure()).isNull();
        assertThat(server.journeys())
                .as("5 users over 3 agents: the third runs 1")
                .hasSize(1);
    }

    @Test
    void cancelEndsAFlowRunSoonEvenInALongPauseAndEveryRequestIsAccountedFor() throws Exception {
        Flow flow = new Flow(
                "slow",
                1,
                List.of(step("login", "/login", null)),
                // A think time far longer than the cancel may take: it is waited in slices that see the stop.
                List.of(step("a", "/a", Pause.fixed(Duration.ofSeconds(30))), step("b", "/io?ms=50", null)));
        Workload workload = new Workload(null, List.of(flow), null, null);
        Load load = new Load(LoadModel.CLOSED, 4, null, Duration.ZERO, Duration.ofSeconds(60));
        StepHarness run = StepHarness.run(runner, Assignments.v2(server.baseUrl(), workload, load, 0, 1, null), 300);
        assertThat(run.measuring.await(30, TimeUnit.SECONDS)).isTrue();

        long cancelledAt = System.nanoTime();
        runner.cancel(Assignments.STEP);
        StepResult cancelled = run.get();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(cancelled.cancelled()).isTrue();
        long recorded =
                cancelled.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(recorded).isEqualTo(server.all().size());
        run.assertIntervalsAddUpTo(cancelled);
    }

    private static RequestSpec saving(String name, String path, String variable, String jsonPath) {
        return new RequestSpec(
                name,
                "GET",
                path,
                null,
                null,
                null,
                null,
                null,
                Map.of(variable, new Extract(jsonPath, null, null)),
                null);
    }

    private static Load closed(int users, int seconds) {
        return new Load(LoadModel.CLOSED, users, null, Duration.ZERO, Duration.ofSeconds(seconds));
    }

    private static Load staged(LoadModel model, Stage... stages) {
        return new Load(model, null, null, Duration.ZERO, null, null, null, null, List.of(stages));
    }

    /** Responses per measured second, from the intervals, in order. */
    private static List<Long> perSecond(StepHarness driver) {
        List<Long> counts = new ArrayList<>();
        driver.intervals.stream()
                .filter(i -> !i.warmup())
                .sorted(Comparator.comparingLong(Interval::second))
                .forEach(i -> counts.add(
                        i.requests().stream().mapToLong(RequestResult::requests).sum()));
        return counts;
    }

    /** Per name, the stages' counts, errors and histogram counts sum to the step's exactly; seconds too. */
    private static void assertStagesAddUp(StepResult result, int stages) {
        assertThat(result.stages()).extracting(StageResult::index).hasSize(stages);
        Map<String, Long> requests = new HashMap<>();
        Map<String, Long> errors = new HashMap<>();
        Map<String, Long> timed = new HashMap<>();
        for (StageResult stage : result.stages()) {
            for (RequestResult r : stage.requests()) {
                requests.merge(r.name(), r.requests(), Long::sum);
                errors.merge(r.name(), r.errors(), Long::sum);
                timed.merge(r.name(), HistogramCodec.fromBase64(r.histogram()).getTotalCount(), Long::sum);
            }
        }
        for (RequestResult r : result.requests()) {
            assertThat(requests.get(r.name())).as(r.name()).isEqualTo(r.requests());
            assertThat(errors.get(r.name())).as(r.name()).isEqualTo(r.errors());
            assertThat(timed.get(r.name()))
                    .as(r.name())
                    .isEqualTo(HistogramCodec.fromBase64(r.histogram()).getTotalCount());
        }
    }

    private static Map<String, RequestResult> byName(StepResult result) {
        return result.requests().stream().collect(Collectors.toMap(RequestResult::name, Function.identity()));
    }
}
