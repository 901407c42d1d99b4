package dev.loadlab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one JSON configuration of LoadLab. {@link #strict()} refuses unknown fields, fields given twice and scalars of
 * the wrong kind ({@code "32"} for a number, {@code 32} or {@code true} for a string: user input, where a typo must not
 * be silently ignored or reinterpreted; a whole number is still a number where a fraction may be); {@link #lenient()} ignores them (cluster messages from a newer minor revision). Both write
 * timestamps as ISO-8601 and omit nulls. {@link #strictYaml()} is {@link #strict()} reading YAML: a scenario may be
 * written in either, with the same rules. The mappers are thread-safe once built.
 */
public final class Json {
    private static final ObjectMapper STRICT = build(true);
    private static final ObjectMapper LENIENT = build(false);
    private static final ObjectMapper STRICT_YAML = configure(YAMLMapper.builder(yamlFactory()), true);

    private Json() {}

    public static ObjectMapper strict() {
        return STRICT;
    }

    public static ObjectMapper lenient() {
        return LENIENT;
    }

    /** {@link #strict()} over YAML: unknown fields refused, the same limits on nesting and string length. */
    public static ObjectMapper strictYaml() {
        return STRICT_YAML;
    }

    /** Writes any record as JSON with the shared configuration. */
    public static String write(Object value) {
        try {
            return LENIENT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads JSON produced by {@link #write}; unknown fields are ignored. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return LENIENT.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from JSON", e);
        }
    }

    private static ObjectMapper build(boolean strict) {
        return configure(JsonMapper.builder(), strict);
    }

    /** snakeyaml's own limits, matched to the JSON ones: 1 MiB of text, 64 levels. */
    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(1 << 20);
        options.setNestingDepthLimit(64);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * No scalar is read as another kind: Jackson would otherwise turn {@code "32"} into 32, {@code 32} or {@code true}
     * into a string and {@code ""} into null or 0, for every target type. A whole number for a fraction stays allowed
     * ({@code "rate": 50}).
     */
    private static void refuseCoercion(MapperBuilder<?, ?> builder) {
        builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        List<CoercionInputShape> scalars = List.of(
                CoercionInputShape.String,
                CoercionInputShape.EmptyString,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        for (LogicalType type :
                List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            builder.withCoercionConfig(type, config -> {
                for (CoercionInputShape shape : scalars) {
                    if (!natural(type, shape)) {
                        config.setCoercion(shape, CoercionAction.Fail);
                    }
                }
                config.setAcceptBlankAsEmpty(false);
            });
        }
    }

    /** The input shapes a type reads as itself, not by coercion. */
    private static boolean natural(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            default -> false;
        };
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder, boolean strict) {
        if (strict) {
            // A field given twice is as much a typo as an unknown one: refuse it rather than keep the last.
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
            refuseCoercion(builder);
        }
        M mapper = builder.addModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(1 << 20)
                        .build());
        return mapper;
    }
}
