package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageTallyTest {
    @Test
    void eachMeasuredSecondGoesToTheStageItStartsInAndStagesAddUpToTheStep() {
        AtomicLong nowMs = new AtomicLong(100_000);
        // Stages start at 0 s, 1.5 s and 3 s; 1 s of warm-up.
        StepRecorder recorder =
                new StepRecorder(List.of("a"), Duration.ofSeconds(1), nowMs::get, new long[] {0, 1_500, 3_000});
        recorder.startAt(100_000);
        long[] at = {100_200, 101_100, 101_900, 102_100, 102_600, 103_200, 104_500};
        for (long ms : at) {
            nowMs.set(ms);
            recorder.sent(0);
            recorder.answered(0, ms == 102_600 ? 500 : 200, 5);
        }
        recorder.finish(true);

        List<StageResult> stages = recorder.stageResults();
        assertThat(stages).extracting(StageResult::index).containsExactly(0, 1, 2);
        // Measured seconds start at 1 s (stage 0), 2 s (stage 1), 3 s and 4 s (stage 2); the warm-up second is none's.
        assertThat(stages).extracting(StageResult::seconds).containsExactly(1L, 1L, 2L);
        assertThat(stages.stream().map(s -> s.requests().getFirst().requests())).containsExactly(2L, 2L, 2L);
        assertThat(stages.get(1).requests().getFirst().errorsByKind()).isEqualTo(Map.of("http_5xx", 1L));
        RequestResult step = recorder.results().getFirst();
        long summed = stages.stream()
                .mapToLong(s -> s.requests().getFirst().requests())
                .sum();
        long timed = stages.stream()
                .mapToLong(
                        s -> HistogramCodec.fromBase64(s.requests().getFirst().histogram())
                                .getTotalCount())
                .sum();
        assertThat(summed).isEqualTo(step.requests()).isEqualTo(6);
        assertThat(timed).isEqualTo(HistogramCodec.fromBase64(step.histogram()).getTotalCount());
    }

    @Test
    void withoutStagesThereAreNoStageResults() {
        StepRecorder recorder = new StepRecorder(List.of("a"), Duration.ZERO, System::currentTimeMillis);
        recorder.finish(true);
        assertThat(recorder.stageResults()).isEmpty();
    }
}
