package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.result.StageResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured seconds of a staged step, summed per stage: each closed second goes, whole, to the stage in which it
 * starts (seconds after the last stage's end, while users finish their iterations, go to the last stage), so the
 * stages add up exactly to the step's totals. Not thread-safe: {@link StepRecorder} folds into it under its reader
 * lock.
 */
final class StageTally {
    private final long[] startsMs;
    private final List<SecondsTotal> stages = new ArrayList<>();

    /** {@code startsMs}: each stage's start, ms since the step's start, ascending and the first 0. */
    StageTally(long[] startsMs, List<String> names) {
        this.startsMs = startsMs.clone();
        for (int s = 0; s < startsMs.length; s++) {
            stages.add(new SecondsTotal(names));
        }
    }

    /** The stage that a second starting {@code ms} after the step's start belongs to. */
    int stageOf(long ms) {
        int stage = 0;
        while (stage + 1 < startsMs.length && startsMs[stage + 1] <= ms) {
            stage++;
        }
        return stage;
    }

    /** Adds one measured second that started {@code startMs} after the step's start. */
    void add(long startMs, StepSecond second) {
        stages.get(stageOf(startMs)).add(second);
    }

    List<StageResult> results() {
        List<StageResult> results = new ArrayList<>(stages.size());
        for (int s = 0; s < stages.size(); s++) {
            results.add(
                    new StageResult(s, stages.get(s).seconds(), stages.get(s).results()));
        }
        return results;
    }
}
