package dev.loadlab.agent.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.loadlab.protocol.scenario.Connections;
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
 * <p>Each request a user sends goes: pick a request by weight and count it as sent; send it, with a status check that
 * saves the status and a response-time check that records status and time (Gatling runs status checks before time
 * checks, whatever the declaration order); then, if no status was saved, the request got no HTTP response and counts as
 * a transport error ({@link RequestChains}). Loops never exit mid-request ({@code exitASAP = false}), so every request
 * sent is accounted for. That is the whole of a v1 plan; a v2 plan (flows, think times, a dataset, stages) runs the
 * user journeys of {@link Journeys} instead, and a staged open model chains one injection step per ramp and hold.
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
        if (!run.pinnedHosts().isEmpty()) {
            // The addresses the agent's allowlist allowed, resolved once for the step: no second lookup can differ.
            protocol = protocol.hostNameAliases(run.pinnedHosts());
        }
        if (plan.http2()) {
            // Negotiated by ALPN in the TLS handshake (Gatling's SSL context offers h2 once this is on).
            protocol = protocol.enableHttp2();
        }
        protocol = connections(protocol, plan.connections());
        Journeys journeys = new Journeys(run);
        ScenarioBuilder scenario;
        if (plan.model() == LoadModel.CLOSED) {
            // Every user is injected at once and waits for the agreed start as its first action, so all of them send
            // their first request within a millisecond of it. How users hold connections is the plan's choice
            // (per-user by default: each keeps its own, like a client with one connection looping).
            ScenarioBuilder waiting = scenario("closed")
                    .exec(session -> {
                        run.userStarted();
                        return session;
                    })
                    .pause(session -> run.untilStart());
            scenario = plan.v1()
                    ? waiting.asLongAsDuring(session -> !run.stopRequested(), plan.total(), false)
                            .on(oneRequest(run))
                    : waiting.exec(journeys.closedUser());
        } else {
            // Arrivals share a pool by default (see connections below). The injection starts a little before the
            // agreed start; every arrival then waits by as much as the first one was early, so the first request
            // leaves at the start and the schedule keeps its spacing.
            scenario = scenario("open")
                    .exec(session -> {
                        run.arrived();
                        return session;
                    })
                    .pause(session -> run.openShift())
                    .doIfOrElse(session -> run.stopRequested())
                    .then(stopLoadGeneratorIf("stopped by LoadLab", session -> run.claimStop()))
                    .orElse(plan.v1() ? oneRequest(run) : journeys.arrival());
        }
        // Built: say so, then hold Gatling here until the start is agreed (or the step is cancelled or times out).
        if (!run.awaitStart()) {
            throw new IllegalStateException("LoadLab step " + run.phase().name().toLowerCase() + " before its start");
        }
        PopulationBuilder population;
        long decidedNanos = System.nanoTime();
        long delayMs = 0;
        if (plan.model() == LoadModel.CLOSED) {
            // A staged agent whose share is zero users throughout still lasts the step, sending nothing.
            population = plan.users() > 0
                    ? scenario.injectOpen(atOnceUsers(plan.users()))
                    : scenario.injectOpen(nothingFor(plan.total()));
        } else {
            long early = SETUP_ESTIMATE_NANOS.get() + OPEN_MARGIN_NANOS;
            delayMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, run.startNanos() - decidedNanos - early));
            List<OpenInjectionStep> arrivals = new ArrayList<>();
            if (delayMs > 0) {
                arrivals.add(nothingFor(Duration.ofMillis(delayMs)));
            }
            arrivals.addAll(
                    plan.staged()
                            ? stagedArrivals(plan.profile())
                            : List.of(constantUsersPerSec(plan.rate()).during(plan.total())));
            population = scenario.injectOpen(arrivals);
        }
        run.injectionPlanned(decidedNanos, TimeUnit.MILLISECONDS.toNanos(delayMs));
        setUp(population).protocols(protocol);
    }

    /**
     * How virtual users hold their TCP connections. {@code per-user}: Gatling's default, a connection pool per virtual
     * user, so a closed-model user keeps one keep-alive connection for the step and an open-model arrival one for its
     * flow (closed when the user ends). {@code shared}: one pool for every user, the open model's default, since a new
     * connection per arrival would measure the handshake, not the API. {@code close-each}: a {@code Connection: close}
     * header on every request, set on the protocol so both the short v1 chain and the general chain carry it; Gatling
     * closes a connection whose request said so once the answer is read, and the next request opens a new one.
     */
    static HttpProtocolBuilder connections(HttpProtocolBuilder protocol, Connections connections) {
        return switch (connections) {
            case PER_USER -> protocol;
            case SHARED -> protocol.shareConnections();
            case CLOSE_EACH -> protocol.header("Connection", "close");
        };
    }

    /** One injection step per ramp and per hold of this agent's stages; a zero rate is a plain wait. */
    static List<OpenInjectionStep> stagedArrivals(LoadProfile profile) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (LoadProfile.Segment s : profile.segments()) {
            if (s.rampMs() > 0) {
                Duration ramp = Duration.ofMillis(s.rampMs());
                if (s.from() == 0 && s.to() == 0) {
                    steps.add(nothingFor(ramp));
                } else if (s.from() == s.to()) {
                    steps.add(constantUsersPerSec(s.to()).during(ramp));
                } else {
                    steps.add(rampUsersPerSec(s.from()).to(s.to()).during(ramp));
                }
            }
            if (s.holdMs() > 0) {
                Duration hold = Duration.ofMillis(s.holdMs());
                steps.add(s.to() > 0 ? constantUsersPerSec(s.to()).during(hold) : nothingFor(hold));
            }
        }
        return steps;
    }

    private static ChainBuilder oneRequest(RunContext run) {
        List<RequestSpec> requests = run.plan().requests();
        ChainBuilder pick = exec(session -> session.set(PICKED, run.picker().pick(ThreadLocalRandom.current())));
        if (requests.size() == 1) {
            // Gatling's doSwitch refuses fewer than two cases.
            return pick.exec(RequestChains.request(run, 0, requests.get(0)));
        }
        List<Choice.WithKey> choices = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            choices.add(onCase(i).then(RequestChains.request(run, i, requests.get(i))));
        }
        return pick.doSwitch(session -> session.getInt(PICKED)).on(choices);
    }
}
