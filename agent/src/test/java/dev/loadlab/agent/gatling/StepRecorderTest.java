package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(recorder.warmupRequests()).isEqualTo(1);
        RequestResult a = recorder.results(true).get(0);
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

        List<RequestResult> results = recorder.results(true);
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
        recorder.sent(0);
        nowMs.set(11_500);
        recorder.answered(0, 200, 1);
        recorder.sent(0);

        assertThat(recorder.unaccounted()).isEqualTo(1);
        RequestResult counted = recorder.results(true).get(0);
        assertThat(counted.requests()).isEqualTo(2);
        assertThat(counted.errorsByKind()).isEqualTo(Map.of("transport", 1L));
        RequestResult dropped = recorder.results(false).get(0);
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

        assertThat(recorder.noResponseAtAll()).isTrue();
        assertThat(recorder.warmupRequests()).isEqualTo(1);
        assertThat(recorder.sentTotal()).isEqualTo(2);
    }

    @Test
    void progressShowsWarmupFiguresThenMeasuredOnes() {
        assertThat(recorder.progress().warmingUp()).isTrue();
        recorder.sent(0);
        recorder.answered(0, 500, 1);
        StepRecorder.ProgressSnapshot warming = recorder.progress();
        assertThat(warming.warmingUp()).isTrue();
        assertThat(warming.requests()).isEqualTo(1);
        assertThat(warming.errors()).isEqualTo(1);

        nowMs.set(11_500);
        recorder.sent(0);
        recorder.answered(0, 200, 1);
        StepRecorder.ProgressSnapshot measuring = recorder.progress();
        assertThat(measuring.warmingUp()).isFalse();
        assertThat(measuring.requests()).isEqualTo(1);
        assertThat(measuring.errors()).isZero();
        assertThat(measuring.elapsedSeconds()).isEqualTo(1.5);
    }

    @Test
    void hugeResponseTimesAreClampedAndRepeatedNamesShareOneResult() {
        StepRecorder same = new StepRecorder(List.of("x", "x"), Duration.ZERO, nowMs::get);
        same.sent(0);
        same.answered(0, 200, HistogramCodec.HIGHEST_TRACKABLE_MS * 2);
        same.sent(1);
        same.answered(1, 200, 0);

        List<RequestResult> results = same.results(true);
        assertThat(results).hasSize(1);
        Histogram histogram = HistogramCodec.fromBase64(results.get(0).histogram());
        assertThat(histogram.getTotalCount()).isEqualTo(2);
        assertThat(histogram.getMaxValue())
                .isBetween(HistogramCodec.HIGHEST_TRACKABLE_MS - 3_600, HistogramCodec.HIGHEST_TRACKABLE_MS + 3_600);
    }

    @Test
    void nothingSentMeansNoWindow() {
        assertThat(recorder.started()).isFalse();
        assertThat(recorder.measuredFrom()).isNull();
        assertThat(recorder.measuredTo()).isNull();
        assertThat(recorder.noResponseAtAll()).isFalse();
    }
}
