package dev.loadlab.protocol.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The configuration the target host runs: the body of {@code GET /control/config} and of a successful {@code PUT}.
 * Immutable.
 *
 * @param profile the profile's name; {@code null} (written as {@code "profile":null}) when nothing runs because a start
 *     failed
 * @param workers W, 0 when nothing runs
 * @param port the app's port
 * @param pids the app's processes (worker JVMs, or a command's process tree)
 * @param startedAt when it became healthy
 */
public record RunningConfig(
        @JsonInclude(JsonInclude.Include.ALWAYS) String profile,
        int workers,
        int port,
        List<Long> pids,
        Instant startedAt) {
    public RunningConfig {
        pids = List.copyOf(pids);
    }
}
