package dev.loadlab.targethost.host;

import java.time.Instant;
import java.util.List;

/**
 * The configuration the target host runs, as the control API reports it. Immutable.
 *
 * @param profile the profile's name, {@code null} when nothing runs (a start failed)
 * @param workers W
 * @param port the app's port
 * @param pids the app's processes (worker JVMs, or a command's process tree)
 * @param startedAt when it became healthy
 */
public record RunningConfig(String profile, int workers, int port, List<Long> pids, Instant startedAt) {
    public RunningConfig {
        pids = List.copyOf(pids);
    }
}
