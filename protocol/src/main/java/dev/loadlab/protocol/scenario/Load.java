package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * How much load, for how long. {@code users} is for the closed model, {@code rate} (arrivals per second) for the open
 * one. The warm-up's traffic is sent but not counted; the measured window follows it and lasts {@code duration}.
 * {@code warmup} defaults to zero. Immutable.
 */
public record Load(
        LoadModel model,
        Integer users,
        Double rate,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration warmup,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration duration) {
    public Load {
        warmup = warmup == null ? Duration.ZERO : warmup;
    }
}
