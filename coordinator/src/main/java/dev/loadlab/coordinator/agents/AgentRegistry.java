package dev.loadlab.coordinator.agents;

import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents that said hello, keyed by id, with their state. Reads are safe from any thread; the scheduler is the only
 * writer of IDLE/BUSY. Thread-safe.
 */
public final class AgentRegistry {
    private record Entry(AgentInfo info, AgentState state, String reason, Instant registeredAt) {
        Entry with(AgentState newState) {
            return new Entry(info, newState, reason, registeredAt);
        }
    }

    private final Map<String, Entry> agents = new ConcurrentHashMap<>();

    /**
     * Registers {@code info}; returns the reason when it must be refused (protocol mismatch, id taken by another live
     * member). A refused agent is still listed, as REFUSED with the reason, until its member leaves.
     */
    public Optional<String> register(AgentInfo info, Instant now) {
        Entry existing = agents.get(info.id());
        if (existing != null && !existing.info().memberUuid().equals(info.memberUuid())) {
            return Optional.of("agent id " + info.id() + " is already taken by a running agent on "
                    + existing.info().host() + "; give each agent its own --id");
        }
        if (info.protocolVersion() != ProtocolVersion.CURRENT) {
            String reason = "agent " + info.id() + " speaks protocol v" + info.protocolVersion()
                    + " but this coordinator speaks v" + ProtocolVersion.CURRENT
                    + "; run an agent and a coordinator of the same LoadLab version";
            agents.put(info.id(), new Entry(info, AgentState.REFUSED, reason, now));
            return Optional.of(reason);
        }
        agents.put(info.id(), new Entry(info, AgentState.IDLE, null, now));
        return Optional.empty();
    }

    /** Forgets the agent whose Hazelcast member left; returns its id. */
    public Optional<String> removeMember(String memberUuid) {
        for (Map.Entry<String, Entry> e : agents.entrySet()) {
            if (e.getValue().info().memberUuid().equals(memberUuid)) {
                agents.remove(e.getKey(), e.getValue());
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Ids of agents ready for work, longest-registered first (a stable, fair pick). */
    public List<String> idle() {
        return agents.entrySet().stream()
                .filter(e -> e.getValue().state() == AgentState.IDLE)
                .sorted(Comparator.comparing(
                                (Map.Entry<String, Entry> e) -> e.getValue().registeredAt())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The Hazelcast member UUID of a registered agent, which addresses its inbox. */
    public Optional<String> memberOf(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(e -> e.info().memberUuid());
    }

    public void markBusy(String agentId) {
        agents.computeIfPresent(agentId, (id, e) -> e.with(AgentState.BUSY));
    }

    public void markIdle(String agentId) {
        agents.computeIfPresent(agentId, (id, e) -> e.state() == AgentState.BUSY ? e.with(AgentState.IDLE) : e);
    }

    public List<AgentView> list() {
        return agents.values().stream()
                .map(e -> new AgentView(
                        e.info().id(),
                        e.info().host(),
                        e.info().cores(),
                        e.info().protocolVersion(),
                        e.info().version(),
                        e.state(),
                        e.reason(),
                        e.registeredAt(),
                        e.info().warmUp()))
                .sorted(Comparator.comparing(AgentView::id))
                .toList();
    }
}
