package dev.loadlab.agent.gatling;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;

import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.RequestSpec;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The user-journey level of the simulation: what one closed-model user does from the agreed start to its end, or one
 * open-model arrival after its shift, for a v2 plan (flows, think times, a dataset, stages). {@link StepSimulation}
 * keeps v1's chain for v1 plans.
 *
 * <p>A user picks a flow by weight when it starts, waits until the load profile makes it active, runs {@code once}
 * (again, after the workload's pause or {@link #ONCE_RETRY}, while an extraction in it fails) and then loops over the
 * flow's {@code steps} until the step's time is up. Every iteration (and {@code once}) first takes a dataset row; a
 * drained queue ends the user. An iteration ends early, skipping the rest of its steps, when an extraction failed
 * ({@link RequestChains#RESTART}) or the run is stopped, but never mid-request, so every request sent is accounted for.
 * A closed-model user {@code i} of this agent is active while {@code i < level(t)}; an inactive one waits (a pause of at
 * most {@link #WAIT_SLICE}, checked again) and finishes its iteration before it leaves. The simple form runs the same
 * loop with one weighted pick per iteration. Built once per run; the chains are thread-safe.
 */
final class Journeys {
    static final String FLOW = "loadlab.flow";
    static final String USER = "loadlab.user";
    static final String ITERATION_NANOS = "loadlab.iterationStart";
    static final String DRY = "loadlab.dry";
    static final String ONCE_DONE = "loadlab.onceDone";
    static final String PICKED = "loadlab.picked";
    static final String PAUSE_UNTIL = "loadlab.pauseUntil";

    /** The wait before {@code once} runs again when the workload has no pause. */
    static final Duration ONCE_RETRY = Duration.ofSeconds(1);

    /**
     * An inactive user waits, and a long think time is waited, in slices of at most this, so a cancel or a change of
     * level is seen soon.
     */
    static final Duration WAIT_SLICE = Duration.ofMillis(250);

    private final RunContext run;
    private final AgentWork plan;
    private final AtomicInteger users = new AtomicInteger();

    Journeys(RunContext run) {
        this.run = run;
        this.plan = run.plan();
    }

    /** A closed-model user, from just after the wait for the agreed start to its end. */
    ChainBuilder closedUser() {
        ChainBuilder begin = exec(session -> session.set(USER, users.getAndIncrement())
                .set(FLOW, run.picker().pick(ThreadLocalRandom.current())));
        if (!plan.hasFlows()) {
            return begin.exec(awaitActive())
                    .asLongAs(this::running, false)
                    .on(exec(awaitActive()).doIf(this::runningAndActive).then(simpleIteration()));
        }
        return begin.exec(byFlow(f -> {
            FlowPlan flow = plan.flows().get(f);
            return exec(awaitActive())
                    .exec(once(flow))
                    .asLongAs(this::running, false)
                    .on(exec(awaitActive()).doIf(this::runningAndActive).then(iteration(f, flow)));
        }));
    }

    /** One open-model arrival: its flow's {@code once} and one iteration (the simple form: one pick), then it leaves. */
    ChainBuilder arrival() {
        if (!plan.hasFlows()) {
            return simpleIteration();
        }
        return exec(session -> session.set(FLOW, run.picker().pick(ThreadLocalRandom.current())))
                .exec(byFlow(f -> {
                    FlowPlan flow = plan.flows().get(f);
                    return exec(once(flow)).doIf(this::running).then(iteration(f, flow));
                }));
    }

    /** One chain per flow, the user's flow chosen by its {@link #FLOW}; Gatling's doSwitch wants two cases or more. */
    private ChainBuilder byFlow(IntFunction<ChainBuilder> perFlow) {
        if (plan.flows().size() == 1) {
            return perFlow.apply(0);
        }
        List<Choice.WithKey> choices = new ArrayList<>();
        for (int f = 0; f < plan.flows().size(); f++) {
            choices.add(onCase(f).then(perFlow.apply(f)));
        }
        return doSwitch(session -> session.getInt(FLOW)).on(choices);
    }

    /** The flow's {@code once}, run again while an extraction fails in it; nothing for a flow without one. */
    private ChainBuilder once(FlowPlan flow) {
        if (flow.once().isEmpty()) {
            return exec(session -> session);
        }
        Pause retry = plan.pause() != null ? plan.pause() : Pause.fixed(ONCE_RETRY);
        return exec(session -> session.remove(ONCE_DONE))
                .asLongAs(session -> !session.contains(ONCE_DONE) && running(session), false)
                .on(exec(this::beginIteration)
                        .doIf(session -> !session.contains(DRY))
                        .then(items(flow.once())
                                .exec(session -> restarted(session)
                                        ? session.remove(RequestChains.RESTART)
                                        : session.set(ONCE_DONE, true))
                                .doIf(session -> !session.contains(ONCE_DONE) && running(session))
                                .then(think(retry))));
    }

    /** One iteration of the flow's {@code steps}, recorded in the flow results when it ends. */
    private ChainBuilder iteration(int f, FlowPlan flow) {
        return exec(this::beginIteration)
                .doIf(session -> !session.contains(DRY))
                .then(items(flow.steps()).exec(session -> {
                    if (!run.stopRequested()) {
                        long nanos = System.nanoTime() - session.getLong(ITERATION_NANOS);
                        run.flows()
                                .iterationEnded(
                                        f,
                                        nanos / 1_000_000,
                                        session.contains(RequestChains.FAILED) || restarted(session));
                    }
                    return session.remove(RequestChains.RESTART);
                }));
    }

    /** The simple form's iteration: a dataset row, one request picked by weight, its think time. */
    private ChainBuilder simpleIteration() {
        List<RequestSpec> requests = plan.requests();
        ChainBuilder begin = exec(session -> {
            Session s = beginIteration(session);
            return s.set(PICKED, run.picker().pick(ThreadLocalRandom.current()));
        });
        ChainBuilder send;
        if (requests.size() == 1) {
            send = requestWithPause(0);
        } else {
            List<Choice.WithKey> choices = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                choices.add(onCase(i).then(requestWithPause(i)));
            }
            send = doSwitch(session -> session.getInt(PICKED)).on(choices);
        }
        return begin.doIf(session -> !session.contains(DRY))
                .then(send.exec(session -> session.remove(RequestChains.RESTART)));
    }

    private ChainBuilder requestWithPause(int index) {
        ChainBuilder request = RequestChains.request(run, index, plan.requests().get(index));
        Pause after = plan.pauseAfter(index);
        return after == null ? request : request.exec(think(after));
    }

    /** The steps in order; each runs only while no extraction failed in this iteration and the run is not stopped. */
    private ChainBuilder items(List<FlowPlan.Item> items) {
        ChainBuilder chain = exec(session -> session);
        for (FlowPlan.Item item : items) {
            ChainBuilder step;
            if (item.pauseOnly()) {
                Pause pause = item.pauseAfter();
                step = think(pause);
            } else {
                step = RequestChains.request(run, item.index(), item.request());
                Pause after = item.pauseAfter();
                if (after != null) {
                    step = step.exec(think(after));
                }
            }
            chain = chain.exec(
                    doIf(session -> !restarted(session) && !run.stopRequested()).then(step));
        }
        return chain;
    }

    /**
     * A think time drawn from {@code pause}. One that can last longer than {@link #WAIT_SLICE} is waited in slices,
     * each checking for a stop, so a cancelled run does not wait out a long pause.
     */
    private ChainBuilder think(Pause pause) {
        if (Pauses.max(pause).compareTo(WAIT_SLICE) <= 0) {
            return pause(session -> Pauses.draw(pause, ThreadLocalRandom.current()));
        }
        return exec(session -> session.set(
                        PAUSE_UNTIL,
                        System.nanoTime()
                                + Pauses.draw(pause, ThreadLocalRandom.current())
                                        .toNanos()))
                .asLongAs(session -> !run.stopRequested() && System.nanoTime() < session.getLong(PAUSE_UNTIL), false)
                .on(pause(session -> {
                    long left = session.getLong(PAUSE_UNTIL) - System.nanoTime();
                    long sliceNanos = Math.min(Math.max(left, 0), WAIT_SLICE.toNanos());
                    // Rounded up to Gatling's millisecond, so the last slice never ends early.
                    return Duration.ofMillis((sliceNanos + 999_999) / 1_000_000);
                }));
    }

    /** Starts an iteration: clears its flags, notes its start and takes a dataset row (or marks the user dry). */
    private Session beginIteration(Session session) {
        Session s = session.remove(RequestChains.FAILED)
                .remove(RequestChains.RESTART)
                .set(ITERATION_NANOS, System.nanoTime());
        DatasetFeeder feeder = run.feeder();
        if (feeder == null) {
            return s;
        }
        Map<String, Object> row = feeder.next(ThreadLocalRandom.current());
        if (row == null) {
            run.note(feeder.ranOutNote());
            return s.set(DRY, true);
        }
        return s.setAll(row);
    }

    /** Waits while this closed-model user is inactive (staged loads only), until it is active or the time is up. */
    private ChainBuilder awaitActive() {
        if (!closedStaged()) {
            return exec(session -> session);
        }
        return asLongAs(session -> running(session) && !active(session), false).on(pause(session -> {
            double now = run.msSinceStart();
            double from = plan.profile().activeFrom(session.getInt(USER), now);
            Duration left = run.untilEnd();
            // Rounded up, and at least 1 ms, so the level has passed the user when it looks again.
            long waitMs = Double.isInfinite(from) ? Long.MAX_VALUE : (long) Math.ceil(from - now) + 1;
            Duration wait = Duration.ofMillis(Math.min(waitMs, WAIT_SLICE.toMillis()));
            return wait.compareTo(left) < 0 ? wait : left.plusMillis(1);
        }));
    }

    private boolean closedStaged() {
        return plan.staged() && plan.model() == LoadModel.CLOSED;
    }

    private boolean active(Session session) {
        return !closedStaged() || plan.profile().active(session.getInt(USER), run.msSinceStart());
    }

    private boolean running(Session session) {
        return !run.stopRequested() && run.beforeEnd() && !session.contains(DRY);
    }

    private boolean runningAndActive(Session session) {
        return running(session) && active(session);
    }

    private static boolean restarted(Session session) {
        return RequestChains.restartRequested(session);
    }
}
