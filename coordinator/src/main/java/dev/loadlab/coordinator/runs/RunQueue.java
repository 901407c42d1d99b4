package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.PendingRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs waiting for agents, in submission order, each with the reason it waits; a run that waited longer than the
 * placement timeout is handed back to be failed. Mutated only on the scheduler's thread; {@link #reason} may be read
 * from any thread.
 */
final class RunQueue {
    private final Deque<PendingRun> queue = new ArrayDeque<>();
    private final Map<UUID, String> reasons = new ConcurrentHashMap<>();
    private final Duration timeout;

    RunQueue(Duration timeout) {
        this.timeout = timeout;
    }

    /** Records that a run is queued before it reaches the queue itself, so a reader never sees a gap. */
    void announce(UUID id) {
        reasons.put(id, "queued");
    }

    void add(PendingRun run) {
        queue.add(run);
        reasons.putIfAbsent(run.id(), "queued");
    }

    /** Puts a run back at the head (it could not be started after all). */
    void putBack(PendingRun run) {
        queue.addFirst(run);
    }

    boolean remove(UUID id) {
        reasons.remove(id);
        return queue.removeIf(run -> run.id().equals(id));
    }

    /** Runs queued (announced ones included); from any thread. */
    int size() {
        return reasons.size();
    }

    Optional<String> reason(UUID id) {
        return Optional.ofNullable(reasons.get(id));
    }

    /** Removes and returns, with the reason to fail them, the runs that waited longer than the placement timeout. */
    Map<PendingRun, String> expired(Instant now, String agentSummary) {
        Map<PendingRun, String> expired = new LinkedHashMap<>();
        for (PendingRun run : new ArrayList<>(queue)) {
            if (Duration.between(run.submittedAt(), now).compareTo(timeout) > 0) {
                queue.remove(run);
                reasons.remove(run.id());
                expired.put(
                        run,
                        "no " + run.scenario().agents() + " idle agent(s) within the placement timeout of "
                                + timeout.toSeconds() + " s: " + agentSummary);
            }
        }
        return expired;
    }

    /**
     * The head run if {@code idle} agents are enough for it (removed from the queue); otherwise empty, and every
     * queued run's reason says what it waits for.
     */
    Optional<PendingRun> next(int idle, String agentSummary) {
        PendingRun head = queue.peek();
        if (head == null) {
            return Optional.empty();
        }
        int wanted = head.scenario().agents();
        if (idle < wanted) {
            String reason = "waiting for " + wanted + " idle agent(s): " + agentSummary;
            queue.forEach(run -> reasons.put(run.id(), run == head ? reason : "queued behind run " + head.id()));
            return Optional.empty();
        }
        queue.poll();
        reasons.remove(head.id());
        return Optional.of(head);
    }
}
