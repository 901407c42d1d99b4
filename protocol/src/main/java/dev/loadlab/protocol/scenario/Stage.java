package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * One stage of a load profile: move linearly from the previous stage's level (zero before the first) to {@code users}
 * (closed model) or {@code rate} (open model) over {@code ramp}, then stay there for {@code hold}; at least one of the
 * two durations is given, and a missing one is zero. Immutable.
 */
public record Stage(
        Integer users,
        Double rate,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration ramp,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration hold) {

    /** Ramp plus hold. */
    public Duration length() {
        return (ramp == null ? Duration.ZERO : ramp).plus(hold == null ? Duration.ZERO : hold);
    }
}
