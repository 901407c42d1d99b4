package dev.loadlab.coordinator.cluster;

import com.hazelcast.config.Config;

/**
 * Hazelcast settings shared by the coordinator's member: fast failure detection (a dead agent is noticed in seconds,
 * not Hazelcast's default minute), no phoning home, slf4j logging, and binding to the configured address only.
 */
final class HazelcastTuning {
    private HazelcastTuning() {}

    static void apply(Config config, String host) {
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        // A dead agent is noticed within about 4 s (issue 5 asks for 5); a GC pause that long would be a fault too.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "3");
        config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
        config.setProperty("hazelcast.local.localAddress", host);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getJetConfig().setEnabled(false);
    }
}
