package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This agent's share of a staged load, as a level over the step's time: users (closed model) or arrivals per second
 * (open model), moving linearly from the previous stage's level (zero before the first) to each stage's over its ramp,
 * then holding it. Time is ms since the agreed start. Immutable.
 */
final class LoadProfile {
    /** One stage: from {@code startMs}, ramp from {@code from} to {@code to} over {@code rampMs}, hold {@code holdMs}. */
    record Segment(long startMs, long rampMs, long holdMs, double from, double to) {
        long endMs() {
            return startMs + rampMs + holdMs;
        }
    }

    private final List<Segment> segments;

    private LoadProfile(List<Segment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("stages must hold at least one stage");
        }
        this.segments = List.copyOf(segments);
    }

    /** Agent {@code agentIndex} of {@code agentCount}'s share of {@code stages}, closed or open. */
    static LoadProfile of(List<Stage> stages, LoadModel model, int agentIndex, int agentCount) {
        List<Segment> segments = new ArrayList<>(stages.size());
        long at = 0;
        double previous = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            double level;
            if (model == LoadModel.CLOSED) {
                if (stage.users() == null || stage.users() < 0) {
                    throw new IllegalArgumentException(
                            "assignment.scenario.load.stages[" + i + "].users must be >= 0, was " + stage.users());
                }
                level = usersShare(stage.users(), agentCount, agentIndex);
            } else {
                if (stage.rate() == null || !(stage.rate() >= 0) || !Double.isFinite(stage.rate())) {
                    throw new IllegalArgumentException(
                            "assignment.scenario.load.stages[" + i + "].rate must be >= 0, was " + stage.rate());
                }
                level = rateShare(stage.rate(), agentCount);
            }
            long ramp = millis(stage.ramp());
            long hold = millis(stage.hold());
            if (ramp < 0 || hold < 0 || ramp + hold == 0) {
                throw new IllegalArgumentException("assignment.scenario.load.stages[" + i
                        + "] needs a ramp or a hold > 0, was ramp " + stage.ramp() + ", hold " + stage.hold());
            }
            segments.add(new Segment(at, ramp, hold, previous, level));
            at += ramp + hold;
            previous = level;
        }
        return new LoadProfile(segments);
    }

    /** Closed-model users of agent {@code index} among {@code agents}: as LoadSplit splits them. */
    static int usersShare(int users, int agents, int index) {
        if (agents < 1 || index < 0 || index >= agents) {
            throw new IllegalArgumentException("agentIndex must be in [0, agentCount), was " + index + " of " + agents);
        }
        return users / agents + (index < users % agents ? 1 : 0);
    }

    /** Open-model arrivals per second of one agent among {@code agents}: an even split. */
    static double rateShare(double rate, int agents) {
        if (agents < 1) {
            throw new IllegalArgumentException("agentCount must be >= 1, was " + agents);
        }
        return rate / agents;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The sum of the stages' lengths. */
    long totalMs() {
        return segments.getLast().endMs();
    }

    /** The highest level of any stage. */
    double peak() {
        return segments.stream().mapToDouble(Segment::to).max().orElse(0);
    }

    /** The level at {@code ms} since the start; 0 before it, the last stage's level after the end. */
    double level(double ms) {
        if (ms <= 0) {
            return segments.getFirst().from();
        }
        for (Segment s : segments) {
            if (ms < s.endMs()) {
                double inRamp = ms - s.startMs();
                if (inRamp < s.rampMs()) {
                    return s.from() + (s.to() - s.from()) * inRamp / s.rampMs();
                }
                return s.to();
            }
        }
        return segments.getLast().to();
    }

    /** The stage that {@code ms} since the start falls in; times past the end belong to the last stage. */
    int stageAt(long ms) {
        for (int i = 0; i < segments.size(); i++) {
            if (ms < segments.get(i).endMs()) {
                return i;
            }
        }
        return segments.size() - 1;
    }

    /** The stages' start times, ms since the start. */
    long[] startsMs() {
        return segments.stream().mapToLong(Segment::startMs).toArray();
    }

    /** Whether closed-model user {@code user} (0-based on this agent) is active at {@code ms}: user < level. */
    boolean active(int user, double ms) {
        return user < level(ms);
    }

    /**
     * The earliest time at or after {@code ms} at which user {@code user} is active, or {@code Double.POSITIVE_INFINITY}
     * when it is not active again before the end. Piecewise linear, so exact up to rounding; callers check {@link
     * #active} again when they get there.
     */
    double activeFrom(int user, double ms) {
        if (active(user, ms)) {
            return ms;
        }
        for (Segment s : segments) {
            double rampEnd = s.startMs() + s.rampMs();
            if (ms >= s.endMs()) {
                continue;
            }
            if (s.rampMs() > 0 && ms < rampEnd && s.to() > s.from() && user < s.to()) {
                // Rising: level > user after the point where the ramp crosses user.
                double crossing = s.startMs() + (user - s.from()) / (s.to() - s.from()) * s.rampMs();
                return Math.max(Math.max(ms, s.startMs()), crossing);
            }
            if (s.rampMs() > 0 && ms < rampEnd && s.to() < s.from() && user < s.from()) {
                // Falling: active until the ramp crosses user; if we are past that, only the next stages help.
                double crossing = s.startMs() + (s.from() - user) / (s.from() - s.to()) * s.rampMs();
                if (ms < crossing) {
                    return Math.max(ms, s.startMs());
                }
            }
            if (s.holdMs() > 0 && user < s.to()) {
                return Math.max(ms, rampEnd);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Arrivals an open model should have started by {@code ms} since the start: the level's integral. */
    double arrivalsUntil(double ms) {
        double total = 0;
        for (Segment s : segments) {
            if (ms <= s.startMs()) {
                break;
            }
            double rampEnd = s.startMs() + s.rampMs();
            double inRamp = Math.min(ms, rampEnd) - s.startMs();
            if (s.rampMs() > 0 && inRamp > 0) {
                double levelThere = s.from() + (s.to() - s.from()) * inRamp / s.rampMs();
                total += (s.from() + levelThere) / 2 * inRamp / 1000;
            }
            double inHold = Math.min(ms, s.endMs()) - rampEnd;
            if (inHold > 0) {
                total += s.to() * inHold / 1000;
            }
        }
        return total;
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : duration.toMillis();
    }
}
