package dev.loadlab.agent.gatling;

/**
 * Whether an open model fell behind its arrival schedule: Gatling started noticeably fewer users than {@code rate x
 * elapsed}. "Noticeably" means more than {@value #MIN_ARRIVALS_BEHIND} arrivals and more than {@value
 * #MIN_SHARE_BEHIND} of the expected ones, so neither Gatling's own granularity at low rates nor the last arrival
 * racing the clock at high rates counts. Arrivals are counted by the first action of each user. Stateless.
 */
final class ScheduleCheck {
    static final long MIN_ARRIVALS_BEHIND = 5;
    static final double MIN_SHARE_BEHIND = 0.05;

    private ScheduleCheck() {}

    static boolean behind(double ratePerSecond, double elapsedSeconds, long arrivals) {
        return behindExpected(ratePerSecond * Math.max(0, elapsedSeconds), arrivals);
    }

    /** The same judgement against {@code expected} arrivals so far (a staged load's integral of its rate). */
    static boolean behindExpected(double expected, long arrivals) {
        double deficit = expected - arrivals;
        return deficit > MIN_ARRIVALS_BEHIND && deficit > MIN_SHARE_BEHIND * expected;
    }
}
