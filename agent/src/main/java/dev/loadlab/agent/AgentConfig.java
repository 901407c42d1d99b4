package dev.loadlab.agent;

import dev.loadlab.protocol.target.TargetAllowlist;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an agent is configured with, read once by {@link AgentMain} (flag, then environment variable, then
 * default). {@code joinHost:joinPort} is the coordinator's Hazelcast member; {@code bindHost} the address this agent's
 * member listens on. The warm-up before joining runs until the rate per second is stable, each of the last {@code
 * warmUpWindow} seconds within {@code warmUpTolerance} of their mean, or for at most {@code warmUpCap} (zero: only a
 * short cold-start run). {@code allowedTargets} is where this agent will send load, checked before each step whatever
 * the coordinator says (default {@link TargetAllowlist#DEFAULT}, loopback only). Immutable.
 */
public record AgentConfig(
        String id,
        String joinHost,
        int joinPort,
        String bindHost,
        String clusterName,
        Path workDir,
        Duration warmUpCap,
        Duration warmUpWindow,
        double warmUpTolerance,
        TargetAllowlist allowedTargets) {
    public static final Duration DEFAULT_WARM_UP_CAP = Duration.ofSeconds(60);
    public static final Duration MAX_WARM_UP_CAP = Duration.ofSeconds(600);
    public static final Duration DEFAULT_WARM_UP_WINDOW = Duration.ofSeconds(5);
    public static final Duration MIN_WARM_UP_WINDOW = Duration.ofSeconds(2);
    public static final double DEFAULT_WARM_UP_TOLERANCE = 0.03;
    public static final double MAX_WARM_UP_TOLERANCE = 0.5;

    public AgentConfig {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException(
                    "--id must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit, was "
                            + id);
        }
        if (joinPort < 1 || joinPort > 65_535) {
            throw new IllegalArgumentException("--join port must be between 1 and 65535, was " + joinPort);
        }
        Objects.requireNonNull(warmUpCap, "warmUpCap");
        Objects.requireNonNull(allowedTargets, "allowedTargets");
        Objects.requireNonNull(warmUpWindow, "warmUpWindow");
        if (warmUpCap.isNegative() || warmUpCap.compareTo(MAX_WARM_UP_CAP) > 0) {
            throw new IllegalArgumentException("--warm-up-cap must be between 0 and " + MAX_WARM_UP_CAP.toSeconds()
                    + " s, was " + warmUpCap.toMillis() + " ms");
        }
        if (warmUpWindow.compareTo(MIN_WARM_UP_WINDOW) < 0 || warmUpWindow.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--warm-up-window must be whole seconds, at least "
                    + MIN_WARM_UP_WINDOW.toSeconds() + " s, was " + warmUpWindow.toMillis() + " ms");
        }
        if (!(warmUpTolerance > 0 && warmUpTolerance <= MAX_WARM_UP_TOLERANCE)) {
            throw new IllegalArgumentException("--warm-up-tolerance must be > 0 and <= " + MAX_WARM_UP_TOLERANCE
                    + " (a fraction: 0.03 = 3 %), was " + warmUpTolerance);
        }
    }

    /** An agent with the default warm-up. */
    public AgentConfig(String id, String joinHost, int joinPort, String bindHost, String clusterName, Path workDir) {
        this(
                id,
                joinHost,
                joinPort,
                bindHost,
                clusterName,
                workDir,
                DEFAULT_WARM_UP_CAP,
                DEFAULT_WARM_UP_WINDOW,
                DEFAULT_WARM_UP_TOLERANCE,
                TargetAllowlist.parse(TargetAllowlist.DEFAULT));
    }

    /** {@code host:port} of the coordinator's member. */
    public String joinAddress() {
        return joinHost + ":" + joinPort;
    }

    /** This config with another warm-up. */
    public AgentConfig withWarmUp(Duration cap, Duration window, double tolerance) {
        return new AgentConfig(
                id, joinHost, joinPort, bindHost, clusterName, workDir, cap, window, tolerance, allowedTargets);
    }

    /** This config sending load only where {@code allowlist} allows. */
    public AgentConfig withAllowedTargets(TargetAllowlist allowlist) {
        return new AgentConfig(
                id,
                joinHost,
                joinPort,
                bindHost,
                clusterName,
                workDir,
                warmUpCap,
                warmUpWindow,
                warmUpTolerance,
                allowlist);
    }
}
