package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StepRecorderTest {
    private final AtomicLong nowMs = new AtomicLong(10_000);
    private final StepRecorder recorder = new StepRecorder(List.of("a", "b"), Duration.ofSeconds(1), nowMs::get);

    @Test
    void responsesBeforeTheWarmupEndAreWarmupOnlyAndTheBoundaryIsMeasured() {
        recorder.sent(0); // step starts at 10_000
        nowMs.set(10_999);
        recorder.answered(0, 200, 5);
        recorder.sent(0);
        nowMs.set(11_000);
        recorder.answered(0, 200, 7);
        recorder.finish(true);

        assertThat(recorder.warmupRequests()).isEqualTo(1);
        RequestResult a = recorder.results().get(0);
        assertThat(a.requests()).isEqualTo(1);
        Histogram histogram = HistogramCodec.fromBase64(a.histogram());
        assertThat(histogram.getTotalCount()).isEqualTo(1);
        assertThat(histogram.getMaxValue()).isEqualTo(7);
        assertThat(recorder.measuredFrom()).isEqualTo(Instant.ofEpochMilli(11_000));
        assertThat(recorder.measuredTo()).isEqualTo(Instant.ofEpochMilli(11_000));
    }

    @Test
    void errorsAreCountedByKindAndResponsesWithAnErrorStatusAreTimed() {
        recorder.sent(0);
        nowMs.set(12_000);
        recorder.answered(0, 404, 3);
        recorder.sent(0);
        recorder.answered(0, 503, 4);
        recorder.sent(0);
        recorder.answered(0, 302, 2);
        recorder.sent(1);
        nowMs.set(12_500);
        recorder.noResponse(1);
        recorder.finish(true);

        List<RequestResult> results = recorder.results();
        RequestResult a = results.get(0);
        assertThat(a.requests()).isEqualTo(3);
        assertThat(a.errors()).isEqualTo(2);
        assertThat(a.errorsByKind()).isEqualTo(Map.of("http_4xx", 1L, "http_5xx", 1L));
        assertThat(HistogramCodec.fromBase64(a.histogram()).getTotalCount()).isEqualTo(3);
        RequestResult b = results.get(1);
        assertThat(b.requests()).isEqualTo(1);
        assertThat(b.errorsByKind()).isEqualTo(Map.of("transport", 1L));
        assertThat(HistogramCodec.fromBase64(b.histogram()).getTotalCount()).isZero();
        assertThat(recorder.measuredTo()).isEqualTo(Instant.ofEpochMilli(12_500));
        assertThat(recorder.noResponseAtAll()).isFalse();
    }

    @Test
    void requestsSentButNeverCompletedAreTransportErrorsUnlessTheRunWasStopped() {
        StepRecorder stopped = new StepRecorder(List.of("a", "b"), Duration.ofSeconds(1), nowMs::get);
        for (StepRecorder r : List.of(recorder, stopped)) {
            r.sent(0);
        }
        nowMs.set(11_500);
        for (StepRecorder r : List.of(recorder, stopped)) {
            r.answered(0, 200, 1);
            r.sent(0);
        }

        assertThat(recorder.unaccounted()).isEqualTo(1);
        List<StepSecond> last = recorder.finish(true);
        RequestResult counted = recorder.results().get(0);
        assertThat(counted.requests()).isEqualTo(2);
        assertThat(counted.errorsByKind()).isEqualTo(Map.of("transport", 1L));
        // The lost request is in the last second too, so the seconds still add up to the result.
        assertThat(last.getLast().count(0)).isEqualTo(2);

        stopped.finish(false);
        RequestResult dropped = stopped.results().get(0);
        assertThat(dropped.requests()).isEqualTo(1);
        assertThat(dropped.errors()).isZero();
    }

    @Test
    void noResponseAtAllSpansWarmupAndMeasuredWindow() {
        recorder.sent(1);
        recorder.noResponse(1); // during warm-up
        nowMs.set(11_200);
        recorder.sent(1);
        recorder.noResponse(1);
        recorder.finish(true);

        assertThat(recorder.noResponseAtAll()).isTrue();
        assertThat(recorder.warmupRequests()).isEqualTo(1);
        assertThat(recorder.sentTotal()).isEqualTo(2);
    }

    @Test
    void secondsPartitionTheStepWarmupFirstAndTheLastOnePartial() {
        StepRecorder step = new StepRecorder(List.of("a"), Duration.ofMillis(1_500), nowMs::get);
        step.startAt(10_000);
        assertThat(step.endOf(0)).isEqualTo(11_000);
        assertThat(step.endOf(1)).isEqualTo(11_500); // the warm-up's last second is short
        assertThat(step.endOf(2)).isEqualTo(12_500); // measured seconds count from the warm-up's end
        answerAt(step, 10_000, 1);
        answerAt(step, 10_999, 2);
        answerAt(step, 11_499, 3);
        answerAt(step, 11_500, 4);

        List<StepSecond> early = step.closeUntil(11_500);
        assertThat(early).extracting(StepSecond::index).containsExactly(0L, 1L);
        assertThat(early).extracting(StepSecond::warmup).containsExactly(true, true);
        assertThat(early).extracting(s -> s.count(0)).containsExactly(2L, 1L);
        assertThat(step.closeUntil(11_600)).isEmpty();

        answerAt(step, 14_000, 5); // in second 4: nothing in 2 (11.5..12.5 s) but the 11.5 s one, nothing in 3
        List<StepSecond> later = step.closeUntil(14_400); // second 4 (13.5..14.5 s) is still open
        assertThat(later).extracting(StepSecond::index).containsExactly(2L, 3L);
        assertThat(later).extracting(StepSecond::warmup).containsExactly(false, false);
        assertThat(later).extracting(s -> s.count(0)).containsExactly(1L, 0L);

        List<StepSecond> rest = step.finish(true);
        assertThat(rest).extracting(StepSecond::index).containsExactly(4L);
        assertThat(rest.getFirst().count(0)).isEqualTo(1);
        assertThat(HistogramCodec.fromBase64(
                                rest.getFirst().results(step.names()).getFirst().histogram())
                        .getMaxValue())
                .isEqualTo(5);
        assertThat(step.finish(true)).isEmpty();

        assertThat(step.warmupRequests()).isEqualTo(3);
        RequestResult a = step.results().getFirst();
        assertThat(a.requests()).isEqualTo(2);
        assertThat(HistogramCodec.fromBase64(a.histogram()).getTotalCount()).isEqualTo(2);
        // After the end nothing more is recorded anywhere: the result stays the sum of the seconds sent.
        answerAt(step, 15_000, 6);
        assertThat(step.results().getFirst().requests()).isEqualTo(2);
    }

    @Test
    void hugeResponseTimesAreClampedAndRepeatedNamesShareOneResult() {
        StepRecorder same = new StepRecorder(List.of("x", "x"), Duration.ZERO, nowMs::get);
        same.sent(0);
        same.answered(0, 200, HistogramCodec.HIGHEST_TRACKABLE_MS * 2);
        same.sent(1);
        same.answered(1, 200, 0);
        same.finish(true);

        List<RequestResult> results = same.results();
        assertThat(results).hasSize(1);
        Histogram histogram = HistogramCodec.fromBase64(results.get(0).histogram());
        assertThat(histogram.getTotalCount()).isEqualTo(2);
        assertThat(histogram.getMaxValue())
                .isBetween(HistogramCodec.HIGHEST_TRACKABLE_MS - 3_600, HistogramCodec.HIGHEST_TRACKABLE_MS + 3_600);
    }

    @Test
    void newKindsAndFailedChecksAreSummedPerSecondIntoTheResult() {
        recorder.sent(0);
        nowMs.set(11_100); // measured second 0
        recorder.completed(0, StepRecorder.CHECK, 9, List.of("status", "maxMs"));
        recorder.sent(0);
        recorder.completed(0, StepRecorder.HTTP_4XX, 3, List.of("jsonPath($.id)"));
        recorder.sent(0);
        recorder.completed(0, StepRecorder.TIMEOUT, -1, List.of());
        recorder.sent(1);
        recorder.completed(1, StepRecorder.CHECK, -1, List.of("missing(${id})"));
        List<StepSecond> first = recorder.closeUntil(12_000);
        nowMs.set(12_300); // measured second 1
        recorder.sent(0);
        recorder.completed(0, StepRecorder.CHECK, 4, List.of("status"));
        recorder.sent(0);
        recorder.completed(0, null, 5, List.of());
        List<StepSecond> rest = recorder.finish(true);

        StepSecond second0 = first.get(first.size() - 1);
        assertThat(second0.failedChecks(0)).isEqualTo(Map.of("status", 1L, "maxMs", 1L, "jsonPath($.id)", 1L));
        assertThat(rest.get(rest.size() - 1).failedChecks(0)).isEqualTo(Map.of("status", 1L));
        RequestResult a = recorder.results().get(0);
        assertThat(a.requests()).isEqualTo(5);
        assertThat(a.errors()).isEqualTo(4);
        assertThat(a.errorsByKind()).isEqualTo(Map.of("check", 2L, "http_4xx", 1L, "timeout", 1L));
        assertThat(a.failedChecks()).isEqualTo(Map.of("status", 2L, "maxMs", 1L, "jsonPath($.id)", 1L));
        // Responses are timed whatever their kind; a timeout has no response to time.
        assertThat(HistogramCodec.fromBase64(a.histogram()).getTotalCount()).isEqualTo(4);
        RequestResult b = recorder.results().get(1);
        assertThat(b.errorsByKind()).isEqualTo(Map.of("check", 1L));
        assertThat(b.failedChecks()).isEqualTo(Map.of("missing(${id})", 1L));
        assertThat(HistogramCodec.fromBase64(b.histogram()).getTotalCount()).isZero();
        assertThat(second0.results(recorder.names()).get(0).failedChecks())
                .isEqualTo(Map.of("status", 1L, "maxMs", 1L, "jsonPath($.id)", 1L));
    }

    @Test
    void timeoutsCountAsNoResponse() {
        recorder.sent(0);
        recorder.completed(0, StepRecorder.TIMEOUT, -1, List.of());
        recorder.sent(1);
        recorder.noResponse(1);
        assertThat(recorder.noResponseAtAll()).isTrue();
    }

    @Test
    void failureMessagesKeepTheFirstDistinctOnesCut() {
        recorder.failureMessage("a: status: expected 200, found 500");
        recorder.failureMessage("a: status: expected 200, found 500");
        recorder.failureMessage("x".repeat(StepResult.MAX_FAILURE_MESSAGE_LENGTH + 50));
        for (int i = 0; i < 20; i++) {
            recorder.failureMessage("b: maxMs: took " + i + " ms");
        }
        List<String> messages = recorder.failureMessages();
        assertThat(messages).hasSize(StepResult.MAX_FAILURE_MESSAGES).doesNotHaveDuplicates();
        assertThat(messages.get(0)).isEqualTo("a: status: expected 200, found 500");
        assertThat(messages.get(1)).hasSize(StepResult.MAX_FAILURE_MESSAGE_LENGTH);
        assertThat(messages.get(9)).isEqualTo("b: maxMs: took 7 ms");
        assertThat(recorder.failureMessagesFull()).isTrue();
    }

    @Test
    void failureMessagesFromManyThreadsStayBoundedAndDistinct() throws Exception {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    recorder.failureMessage("m" + (i % 7) + "-" + id);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(recorder.failureMessages())
                .hasSize(StepResult.MAX_FAILURE_MESSAGES)
                .doesNotHaveDuplicates();
    }

    @Test
    void nothingSentMeansNoWindow() {
        assertThat(recorder.started()).isFalse();
        assertThat(recorder.measuredFrom()).isNull();
        assertThat(recorder.measuredTo()).isNull();
        assertThat(recorder.noResponseAtAll()).isFalse();
        assertThat(recorder.finish(true)).isEmpty();
    }

    private void answerAt(StepRecorder step, long atMs, long responseTimeMs) {
        nowMs.set(atMs);
        step.sent(0);
        step.answered(0, 200, responseTimeMs);
    }
}
