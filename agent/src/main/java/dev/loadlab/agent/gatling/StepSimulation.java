package dev.loadlab.agent.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one Gatling simulation LoadLab runs, built from the {@link RunContext} installed by {@link GatlingStepRunner}.
 * Public only because Gatling instantiates it by class name; never start it any other way.
 *
 * <p>The constructor builds the scenario, says it is ready and then blocks until the start is agreed (or the step is
 * cancelled or times out, when it throws so Gatling ends at once). Every user's first action is a pause until the
 * agreed start, so no request leaves early: closed-model users are all injected at once and wait; an open model's
 * injection starts shortly before the start (by Gatling's set-up time as measured in the previous run plus a margin) and
 * every arrival waits by as much as the first one was early, so the schedule starts at the start with its spacing.
 *
 * <p>Each request a user sends goes: pick a request by weight, then run its {@link RequestChains#request} chain, which
 * counts it as sent, sends it and records exactly one outcome. Loops never exit mid-request ({@code exitASAP = false}),
 * so every request sent is accounted for.
 */
public final class StepSimulation extends Simulation {
    private static final String PICKED = "loadlab.picked";

    /**
     * Gatling's set-up time between the injection being planned here and its first user running, as last measured in
     * this JVM (the first run in a JVM takes longest: class loading); JVM-wide like Gatling itself.
     */
    static final AtomicLong SETUP_ESTIMATE_NANOS = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(500));

    /** An open model's injection starts this much earlier than the estimate says; arrivals absorb it by waiting. */
    static final long OPEN_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    public StepSimulation() throws InterruptedException {
        RunContext run = RunContext.current();
        AgentWork plan = run.plan();
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                // Gatling's default warm-up calls https://gatling.io; agents may have no internet and it is not load.
                .disableWarmUp()
                // One recorded request must be exactly one HTTP exchange: no cache hits, no hidden redirect hops.
                .disableCaching()
                .disableFollowRedirect();
        if (plan.http2()) {
            // Negotiated by ALPN in the TLS handshake (Gatling's SSL context offers h2 once this is on).
            protocol = protocol.enableHttp2();
        }
        ScenarioBuilder scenario;
        if (plan.model() == LoadModel.CLOSED) {
            // Every user is injected at once and waits for the agreed start as its first action, so all of them send
            // their first request within a millisecond of it. Each user keeps its own connection, like a client with
            // one connection looping.
            scenario = scenario("closed")
                    .exec(session -> {
                        run.userStarted();
                        return session;
                    })
                    .pause(session -> run.untilStart())
                    .asLongAsDuring(session -> !run.stopRequested(), plan.total(), false)
                    .on(oneRequest(run));
        } else {
            // Arrivals share a pool: a new TCP connection per arrival would measure the handshake, not the API. The
            // injection starts a little before the agreed start; every arrival then waits by as much as the first one
            // was early, so the first request leaves at the start and the schedule keeps its spacing.
            protocol = protocol.shareConnections();
            scenario = scenario("open")
                    .exec(session -> {
                        run.arrived();
                        return session;
                    })
                    .pause(session -> run.openShift())
                    .doIfOrElse(session -> run.stopRequested())
                    .then(stopLoadGeneratorIf("stopped by LoadLab", session -> run.claimStop()))
                    .orElse(oneRequest(run));
        }
        // Built: say so, then hold Gatling here until the start is agreed (or the step is cancelled or times out).
        if (!run.awaitStart()) {
            throw new IllegalStateException("LoadLab step " + run.phase().name().toLowerCase() + " before its start");
        }
        PopulationBuilder population;
        long decidedNanos = System.nanoTime();
        long delayMs = 0;
        if (plan.model() == LoadModel.CLOSED) {
            population = scenario.injectOpen(atOnceUsers(plan.users()));
        } else {
            long early = SETUP_ESTIMATE_NANOS.get() + OPEN_MARGIN_NANOS;
            delayMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, run.startNanos() - decidedNanos - early));
            OpenInjectionStep arrivals = constantUsersPerSec(plan.rate()).during(plan.total());
            population = delayMs > 0
                    ? scenario.injectOpen(nothingFor(Duration.ofMillis(delayMs)), arrivals)
                    : scenario.injectOpen(arrivals);
        }
        run.injectionPlanned(decidedNanos, TimeUnit.MILLISECONDS.toNanos(delayMs));
        setUp(population).protocols(protocol);
    }

    private static ChainBuilder oneRequest(RunContext run) {
        List<RequestSpec> requests = run.plan().requests();
        if (requests.size() == 1) {
            // Gatling's doSwitch refuses fewer than two cases.
            return RequestChains.request(run, 0, requests.get(0));
        }
        ChainBuilder pick = exec(session -> session.set(PICKED, run.picker().pick(ThreadLocalRandom.current())));
        List<Choice.WithKey> choices = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            choices.add(onCase(i).then(RequestChains.request(run, i, requests.get(i))));
        }
        return pick.doSwitch(session -> session.getInt(PICKED)).on(choices);
    }
}
