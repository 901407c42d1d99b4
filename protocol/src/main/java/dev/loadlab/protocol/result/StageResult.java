package dev.loadlab.protocol.result;

import java.util.List;

/**
 * One load stage's share of an agent's measured window: the measured seconds that started in the stage, per request
 * name, with exact histograms so stages merge across agents. {@code index} is the stage's position in
 * {@code load.stages}; {@code seconds} how many measured seconds it holds. Immutable.
 */
public record StageResult(int index, long seconds, List<RequestResult> requests) {
    public StageResult {
        requests = List.copyOf(requests);
    }
}
