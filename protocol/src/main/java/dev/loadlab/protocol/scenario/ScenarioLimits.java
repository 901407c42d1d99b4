package dev.loadlab.protocol.scenario;

import java.time.Duration;
import java.util.Set;

/** The bounds a scenario must stay within: a load tester is a weapon, so every dimension is capped. */
public final class ScenarioLimits {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_USERS = 10_000;
    public static final double MAX_RATE = 50_000;
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final Duration MAX_WARMUP = Duration.ofMinutes(10);
    public static final int MAX_AGENTS = 64;
    public static final int MAX_REQUESTS = 50;
    public static final int MAX_WEIGHT = 1_000;
    public static final int MAX_PATH_LENGTH = 2_000;
    public static final int MAX_PROFILES = 10;
    public static final int MAX_REPEATS = 10;
    public static final int MAX_WORKER_COUNTS = 10;
    public static final int MAX_WORKERS = 64;
    public static final int MAX_TOKEN_LENGTH = 200;
    /** The search's bracket width, relative: 1% (many probes) to 50% (a rough figure fast). */
    public static final double MIN_PRECISION = 0.01;

    public static final double MAX_PRECISION = 0.5;
    public static final int MAX_PROBES = 30;
    public static final long MAX_SLO_P99_MS = 60_000;
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");

    /** A scenario document (JSON or YAML), in characters; the coordinator caps request bodies at 1 MiB anyway. */
    public static final int MAX_DOCUMENT_LENGTH = 1 << 20;
    /** Nesting of a scenario document (objects and arrays), JSON or YAML. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final int MAX_HEADERS = 50;
    /** A header name: RFC 9110 token characters only. */
    public static final int MAX_HEADER_NAME_LENGTH = 100;
    /** A header value as written (UTF-8 bytes); CR, LF and NUL are refused. */
    public static final int MAX_HEADER_VALUE_BYTES = 8 * 1024;
    /** A body as sent: a string body's UTF-8 bytes, a JSON body's compact JSON text in UTF-8. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    public static final int MAX_CHECKS = 20;
    public static final int MAX_SAVES = 20;
    /** Status codes one {@code status} check may list. */
    public static final int MAX_STATUSES = 20;
    /** A {@code bodyContains} text, in characters. */
    public static final int MAX_BODY_CONTAINS_LENGTH = 8 * 1024;

    public static final int MAX_REGEX_LENGTH = 500;
    public static final int MAX_JSON_PATH_LENGTH = 500;
    public static final Duration MAX_PAUSE = Duration.ofMinutes(10);

    public static final int MAX_FLOWS = 20;
    /** Steps of one flow, {@code once} and {@code steps} together. */
    public static final int MAX_STEPS = 50;

    public static final int MAX_STAGES = 20;
    /** One stage's ramp or hold. */
    public static final Duration MAX_STAGE_LENGTH = MAX_DURATION.plus(MAX_WARMUP);

    /** A trusted certificate (PEM text, one or more certificates), in characters. */
    public static final int MAX_CERTIFICATE_LENGTH = 64 * 1024;
    /** A dataset's name, as stored with {@code POST /api/v1/datasets}. */
    public static final int MAX_DATASET_NAME_LENGTH = 64;

    private ScenarioLimits() {}
}
