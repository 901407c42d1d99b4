package dev.loadlab.protocol.message;

/**
 * How an agent warmed its generator up before it joined: it drove a loopback HTTP server of its own JVM (never a
 * target) through the same Gatling code a step uses until its rate per second was stable, or the cap ended it.
 *
 * <p>{@code durationMs} is the whole warm-up, Gatling's set-up and the settling after joining included; {@code seconds} the whole seconds of load
 * measured; {@code finalRps} the mean rate (responses per second) of the last {@code windowSeconds} of them (of all of
 * them when fewer ran). {@code stable}: the generator settled before the cap, as {@code settledBy} says: {@code rate}
 * (every one of those seconds was within {@code tolerance}, a fraction, 0.03 = 3 %, of their mean) or {@code jit} (the
 * JIT compiler spent at most 1 % of those seconds compiling: the cold cost itself, which settles even where the
 * loopback rate keeps swinging with a shared machine's load). {@code capped}: the cap ({@code capMs}) ended it first.
 * Neither is true when the stable warm-up was switched off ({@code capMs} 0: only a short cold-start run) or failed;
 * {@code note} then says which, and is null otherwise. {@code jitMsInWindow} is the JIT's compile time over the last
 * {@code windowSeconds}, null where the JVM does not measure it. Immutable.
 */
public record WarmUp(
        long durationMs,
        int seconds,
        double finalRps,
        boolean stable,
        boolean capped,
        long capMs,
        int windowSeconds,
        double tolerance,
        String note,
        String settledBy,
        Long jitMsInWindow) {
    /** {@code settledBy} when the rate settled. */
    public static final String BY_RATE = "rate";

    /** {@code settledBy} when the JIT compiler went quiet. */
    public static final String BY_JIT = "jit";

    public WarmUp {
        if (stable && capped) {
            throw new IllegalArgumentException("a warm-up is either stable or capped, not both");
        }
        if (stable && settledBy == null) {
            settledBy = BY_RATE; // from an agent that knew only the rate
        }
        if (!stable && settledBy != null) {
            throw new IllegalArgumentException("only a stable warm-up says what settled it, was " + settledBy);
        }
    }

    /** This warm-up, {@code moreMs} longer: the time it took to settle after joining (see the agent's warm-up). */
    public WarmUp longer(long moreMs) {
        if (moreMs < 0) {
            throw new IllegalArgumentException("moreMs must be >= 0, was " + moreMs);
        }
        return new WarmUp(
                durationMs + moreMs,
                seconds,
                finalRps,
                stable,
                capped,
                capMs,
                windowSeconds,
                tolerance,
                note,
                settledBy,
                jitMsInWindow);
    }

    /** A warm-up from an agent that did not say what settled: the rate, when it was stable. */
    public WarmUp(
            long durationMs,
            int seconds,
            double finalRps,
            boolean stable,
            boolean capped,
            long capMs,
            int windowSeconds,
            double tolerance,
            String note) {
        this(
                durationMs,
                seconds,
                finalRps,
                stable,
                capped,
                capMs,
                windowSeconds,
                tolerance,
                note,
                stable ? BY_RATE : null,
                null);
    }
}
