package dev.loadlab.protocol.message;

import java.util.UUID;

/**
 * A cluster message about one step (or one probe of a search step), in either direction. Each carries the key's parts
 * as flat fields ({@code runId}, {@code stepIndex}, {@code probe}), which is their wire shape; {@link #key()} joins
 * them.
 */
public interface StepMessage {
    UUID runId();

    int stepIndex();

    int probe();

    default StepKey key() {
        return new StepKey(runId(), stepIndex(), probe());
    }
}
