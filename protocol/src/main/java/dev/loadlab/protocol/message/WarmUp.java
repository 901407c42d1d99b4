package dev.loadlab.protocol.message;

/**
 * How an agent warmed its generator up before it joined: it drove a loopback HTTP server of its own JVM (never a
 * target) through the same Gatling code a step uses until its rate per second was stable, or the cap ended it.
 *
 * <p>{@code durationMs} is the whole warm-up, Gatling's set-up included; {@code seconds} the whole seconds of load
 * measured; {@code finalRps} the mean rate (responses per second) of the last {@code windowSeconds} of them (of all of
 * them when fewer ran). {@code stable}: every one of those seconds was within {@code tolerance} (a fraction, 0.03 = 3
 * %) of their mean. {@code capped}: the cap ({@code capMs}) ended it first. Neither is true when the stable warm-up was
 * switched off ({@code capMs} 0: only a short cold-start run) or failed; {@code note} then says which, and is null
 * otherwise. Immutable.
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
        String note) {
    public WarmUp {
        if (stable && capped) {
            throw new IllegalArgumentException("a warm-up is either stable or capped, not both");
        }
    }
}
