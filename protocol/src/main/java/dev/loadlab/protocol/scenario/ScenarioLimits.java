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

    private ScenarioLimits() {}
}
