package dev.loadlab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one JSON configuration of LoadLab. {@link #strict()} refuses unknown fields and fields given twice (user input: a
 * typo must not be silently ignored); {@link #lenient()} ignores them (cluster messages from a newer minor revision). Both write
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

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder, boolean strict) {
        if (strict) {
            // A field given twice is as much a typo as an unknown one: refuse it rather than keep the last.
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
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
