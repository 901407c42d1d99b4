package dev.loadlab.coordinator.model;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.loadlab.protocol.scenario.DurationText;
import dev.loadlab.protocol.scenario.Stage;
import java.time.Duration;

/**
 * One load stage of a step as the API shows it: the stage as the scenario asked for it ({@code users} or {@code
 * rate}, {@code ramp}, {@code hold}; absent when the scenario no longer says), the measured seconds that started in
 * it, responses and errors summed over agents, {@code throughputRps} (responses / seconds) and the response time
 * percentiles in ms from the exactly merged histogram. Immutable.
 */
public record StageView(
        int index,
        Integer users,
        Double rate,
        @JsonSerialize(using = DurationText.Writer.class) Duration ramp,
        @JsonSerialize(using = DurationText.Writer.class) Duration hold,
        long seconds,
        long requests,
        long errors,
        double throughputRps,
        ResponseMs latencyMs) {
    /** Response time percentiles, ms. */
    public record ResponseMs(long p50, long p90, long p99, long max) {}

    /** This stage beside what the scenario asked of it ({@code asked} may be null). */
    public StageView asked(Stage asked) {
        if (asked == null) {
            return this;
        }
        return new StageView(
                index,
                asked.users(),
                asked.rate(),
                asked.ramp(),
                asked.hold(),
                seconds,
                requests,
                errors,
                throughputRps,
                latencyMs);
    }
}
