package dev.loadlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.Test;

/** Both ends get the same failure detection; only the agent is a lite member that gives up joining. */
class ClusterSettingsTest {
    @Test
    void bothEndsShareOneHeartbeatTimeout() {
        Config coordinator = ClusterSettings.coordinator("127.0.0.1", 0, "c");
        Config agent = ClusterSettings.agent("a1", "127.0.0.1", 5701, "127.0.0.1", "c");
        for (String key : new String[] {
            "hazelcast.heartbeat.interval.seconds",
            "hazelcast.max.no.heartbeat.seconds",
            "hazelcast.heartbeat.failuredetector.type",
            "hazelcast.logging.type",
            "hazelcast.phone.home.enabled",
            "hazelcast.shutdownhook.enabled",
            "hazelcast.socket.bind.any"
        }) {
            assertThat(agent.getProperty(key)).as(key).isNotNull().isEqualTo(coordinator.getProperty(key));
        }
        assertThat(coordinator.getProperty("hazelcast.max.no.heartbeat.seconds"))
                .isEqualTo(Long.toString(ClusterSettings.MAX_NO_HEARTBEAT.toSeconds()));
    }

    @Test
    void onlyTheAgentIsALiteMemberThatJoinsTheGivenAddress() {
        Config coordinator = ClusterSettings.coordinator("127.0.0.1", 0, "c");
        Config agent = ClusterSettings.agent("a1", "10.0.0.7", 5701, "127.0.0.1", "c");
        assertThat(coordinator.isLiteMember()).isFalse();
        assertThat(coordinator.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .isEmpty();
        assertThat(coordinator.getProperty("hazelcast.max.join.seconds")).isNull();
        assertThat(agent.isLiteMember()).isTrue();
        assertThat(agent.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.0.0.7:5701");
        assertThat(agent.getProperty("hazelcast.max.join.seconds"))
                .isEqualTo(Long.toString(ClusterSettings.AGENT_MAX_JOIN.toSeconds()));
        assertThat(agent.getJetConfig().isEnabled()).isFalse();
        assertThat(agent.getInstanceName())
                .isNotEqualTo(ClusterSettings.agent("a1", "h", 1, "h", "c").getInstanceName());
    }
}
