package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;

/**
 * Think time; exactly one of: {@code {"fixed": "1s"}}, {@code {"uniform": ["200ms", "800ms"]}} (uniformly between the
 * two) or {@code {"exponential": "500ms"}} (exponentially distributed with this mean, as arrivals of a Poisson
 * process; capped at ten times the mean). Immutable.
 */
public record Pause(
        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration fixed,

        @JsonSerialize(contentUsing = DurationText.Writer.class)
        @JsonDeserialize(contentUsing = DurationText.Reader.class)
        List<Duration> uniform,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration exponential) {
    public Pause {
        uniform = uniform == null ? null : List.copyOf(uniform);
    }

    public static Pause fixed(Duration duration) {
        return new Pause(duration, null, null);
    }
}
