package dev.loadlab.coordinator.model;

import java.util.List;

/** One page of run history, newest first; {@code nextCursor} is null on the last page. Immutable. */
public record RunPage(List<RunSummary> runs, String nextCursor) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
