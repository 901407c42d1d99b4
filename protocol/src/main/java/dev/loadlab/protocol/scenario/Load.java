package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;

/**
 * How much load, for how long. {@code users} is for the closed model, {@code rate} (arrivals per second) for the open
 * one. The warm-up's traffic is sent but not counted; the measured window follows it and lasts {@code duration}.
 * {@code warmup} defaults to zero.
 *
 * <p>For the search model, {@code rate} is the first probe's rate, {@code warmup} and {@code duration} are each
 * probe's, {@code maxRate} caps the ramp (default {@link ScenarioLimits#MAX_RATE}), {@code precision} is the relative
 * width of the final bracket (default {@link #DEFAULT_PRECISION}) and {@code maxProbes} bounds the probes per step
 * (default {@link #DEFAULT_MAX_PROBES}).
 *
 * <p>{@code stages} (closed and open models; instead of {@code users} / {@code rate}) shape the load over the step:
 * they run one after another from the step's start, the warm-up is their first part, and {@code duration} is derived
 * (their total length minus the warm-up). {@code connections} says how users hold their TCP connections; {@code null}
 * means the model's default ({@link Connections#defaultFor}). Immutable.
 */
public record Load(
        LoadModel model,
        Integer users,
        Double rate,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration warmup,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration duration,

        Double maxRate,
        Double precision,
        Integer maxProbes,
        List<Stage> stages,
        Connections connections) {
    public static final double DEFAULT_PRECISION = 0.05;
    public static final int DEFAULT_MAX_PROBES = 12;

    public Load {
        warmup = warmup == null ? Duration.ZERO : warmup;
        stages = stages == null ? null : List.copyOf(stages);
        if (stages != null && duration == null && stages.stream().allMatch(s -> s != null)) {
            // With stages the step lasts as long as they do; the warm-up is their first part.
            Duration total = stages.stream().map(Stage::length).reduce(Duration.ZERO, Duration::plus);
            duration = total.minus(warmup);
        }
        if (model == LoadModel.SEARCH) {
            maxRate = maxRate == null ? ScenarioLimits.MAX_RATE : maxRate;
            precision = precision == null ? DEFAULT_PRECISION : precision;
            maxProbes = maxProbes == null ? DEFAULT_MAX_PROBES : maxProbes;
        }
    }

    /** A closed or open load. */
    public Load(LoadModel model, Integer users, Double rate, Duration warmup, Duration duration) {
        this(model, users, rate, warmup, duration, null, null, null, null, null);
    }

    /** A search load (no stages). */
    public Load(
            LoadModel model,
            Integer users,
            Double rate,
            Duration warmup,
            Duration duration,
            Double maxRate,
            Double precision,
            Integer maxProbes) {
        this(model, users, rate, warmup, duration, maxRate, precision, maxProbes, null, null);
    }

    /** A load with stages and no connection choice (the model's default). */
    public Load(
            LoadModel model,
            Integer users,
            Double rate,
            Duration warmup,
            Duration duration,
            Double maxRate,
            Double precision,
            Integer maxProbes,
            List<Stage> stages) {
        this(model, users, rate, warmup, duration, maxRate, precision, maxProbes, stages, null);
    }

    /** The connection behaviour in force: the scenario's choice, or the model's default. */
    public Connections connectionsOrDefault() {
        return connections != null ? connections : Connections.defaultFor(model);
    }

    /** True when the load follows {@code stages} rather than a constant level. */
    public boolean staged() {
        return stages != null;
    }

    /** One open-model probe of a search: {@code rate} arrivals per second with this load's warm-up and duration. */
    public Load probe(double probeRate) {
        return new Load(LoadModel.OPEN, null, probeRate, warmup, duration, null, null, null, null, connections);
    }
}
