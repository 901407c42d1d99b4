package dev.loadlab.targethost.host;

import dev.loadlab.protocol.control.RunningConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs now, with the supervisor's handles on its processes. Immutable (the processes themselves change).
 *
 * @param profile {@code null} when nothing runs
 * @param children the supervisor's direct children for this configuration
 */
record Deployment(Profile profile, int workers, List<ChildProcess> children, Instant startedAt) {
    static final Deployment NONE = new Deployment(null, 0, List.of(), Instant.EPOCH);

    /** The pids of the app's processes (for a command, the command and its descendants). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (ChildProcess child : children) {
            if (profile instanceof Profile.Command) {
                child.handle().descendants().forEach(process -> pids.add(process.pid()));
            } else {
                pids.add(child.pid());
            }
        }
        return pids;
    }

    RunningConfig view(int port) {
        return new RunningConfig(profile == null ? null : profile.name(), workers, port, pids(), startedAt);
    }
}
