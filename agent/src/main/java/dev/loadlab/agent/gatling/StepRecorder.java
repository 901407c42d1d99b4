package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Every request of one step, as Gatling's users send them: sent, then completed with an error kind or none (a response
 * with its status and response time, no response at all, a timeout, failed checks with their labels), tallied into one
 * {@link StepSecond} per second of the step. Seconds run from the step's start (set by
 * {@link #startAt}, or by the first request sent): the warm-up's seconds first (the last one shorter when the warm-up
 * is not a whole number of seconds), then the measured window's seconds, counted from the warm-up's end. A response
 * belongs to the second it completed in; everything in a warm-up second counts only as warm-up.
 *
 * <p>Closing a second ({@link #closeUntil}, {@link #finish}) waits, through a {@link WriterReaderPhaser}, for every
 * recording still writing into it, so each response is in exactly one closed second and the final result is the sum of
 * the measured seconds, exactly. A recording that races with the close of its second may land in the next one.
 *
 * <p>Besides the counts it keeps the step's first {@link StepResult#MAX_FAILURE_MESSAGES} distinct failure messages
 * (warm-up included: they say why requests fail, whenever they do), each cut to {@link
 * StepResult#MAX_FAILURE_MESSAGE_LENGTH} characters; callers remove secrets from them first.
 *
 * <p>Thread-safe and non-blocking on the recording side (failure messages take a short lock until the list is full), because Gatling calls it from its event loops; closing is
 * meant for one thread at a time (it serialises on the phaser's reader lock).
 */
final class StepRecorder {
    static final String HTTP_4XX = "http_4xx";
    static final String HTTP_5XX = "http_5xx";
    static final String TRANSPORT = "transport";
    static final String TIMEOUT = "timeout";
    static final String CHECK = "check";

    private static final long NOT_YET = Long.MIN_VALUE;
    private static final long SECOND_MS = 1_000;

    private final LongSupplier clockMs;
    private final long warmupMs;
    private final long warmupSeconds;
    private final List<String> names;
    private final int[] slotOf;
    private final LongAdder[] sent;
    private final LongAdder[] completed;
    private final LongAdder[] withoutResponse;
    private final AtomicLong startMs = new AtomicLong(NOT_YET);
    private final AtomicLong lastMeasuredEndMs = new AtomicLong(NOT_YET);
    private final AtomicReference<StepSecond> active = new AtomicReference<>();
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile boolean finished;
    private final Set<String> failureMessages = new LinkedHashSet<>();
    private volatile boolean failureMessagesFull;

    // Guarded by the phaser's reader lock.
    private long nextToClose;
    private long warmupTotal;
    private final SecondsTotal measuredTotal;
    private final StageTally stageTally;

    /** {@code names} in request-index order; a repeated name shares one tally. */
    StepRecorder(List<String> names, Duration warmup, LongSupplier clockMs) {
        this(names, warmup, clockMs, null);
    }

    /**
     * As above, and with {@code stageStartsMs} (each stage's start, ms since the step's start; null without stages)
     * every measured second is also summed into the stage it starts in.
     */
    StepRecorder(List<String> names, Duration warmup, LongSupplier clockMs, long[] stageStartsMs) {
        this.clockMs = clockMs;
        this.warmupMs = warmup.toMillis();
        this.warmupSeconds = (warmupMs + SECOND_MS - 1) / SECOND_MS;
        Map<String, Integer> slots = new LinkedHashMap<>();
        slotOf = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            slotOf[i] = slots.computeIfAbsent(names.get(i), n -> slots.size());
        }
        this.names = List.copyOf(slots.keySet());
        int n = this.names.size();
        sent = adders(n);
        completed = adders(n);
        withoutResponse = adders(n);
        measuredTotal = new SecondsTotal(this.names);
        stageTally = stageStartsMs == null ? null : new StageTally(stageStartsMs, this.names);
    }

    /** Fixes the step's start (epoch ms); without it, the first request sent starts the step. Only the first call counts. */
    void startAt(long epochMs) {
        startMs.compareAndSet(NOT_YET, epochMs);
    }

    /** A request is about to go out; the first one starts the step's clock unless {@link #startAt} did. */
    void sent(int index) {
        startMs.compareAndSet(NOT_YET, clockMs.getAsLong());
        sent[slotOf[index]].increment();
    }

    /** An HTTP response arrived (any status): counted and timed in the second it completed in. */
    void answered(int index, int status, long responseTimeMs) {
        String kind = status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : null;
        record(slotOf[index], kind, Math.min(Math.max(responseTimeMs, 0), HistogramCodec.HIGHEST_TRACKABLE_MS), 1);
    }

    /** A request was sent but ended without any HTTP response (refused, reset, timed out). */
    void noResponse(int index) {
        record(slotOf[index], TRANSPORT, -1, 1);
    }

    /**
     * A request completed: {@code kind} is its one error kind ({@link #HTTP_4XX}, {@link #HTTP_5XX}, {@link
     * #TRANSPORT}, {@link #TIMEOUT}, {@link #CHECK}) or null when it succeeded; {@code responseTimeMs} < 0 when there
     * is no response to time (no response, or the request was never sent); every label in {@code failedChecks} is
     * counted once, whatever the kind.
     */
    void completed(int index, String kind, long responseTimeMs, List<String> failedChecks) {
        long time = responseTimeMs < 0 ? -1 : Math.min(responseTimeMs, HistogramCodec.HIGHEST_TRACKABLE_MS);
        record(slotOf[index], kind, time, 1, failedChecks);
    }

    /**
     * Keeps {@code message} (cut to {@link StepResult#MAX_FAILURE_MESSAGE_LENGTH}) unless {@link
     * StepResult#MAX_FAILURE_MESSAGES} distinct ones are kept already or it is one of them. It must hold no secret.
     */
    void failureMessage(String message) {
        if (failureMessagesFull) {
            return;
        }
        String cut = message.length() <= StepResult.MAX_FAILURE_MESSAGE_LENGTH
                ? message
                : message.substring(0, StepResult.MAX_FAILURE_MESSAGE_LENGTH);
        synchronized (failureMessages) {
            if (failureMessages.size() < StepResult.MAX_FAILURE_MESSAGES) {
                failureMessages.add(cut);
            }
            failureMessagesFull = failureMessages.size() >= StepResult.MAX_FAILURE_MESSAGES;
        }
    }

    /** True once no more failure messages are kept, so callers can skip composing them. */
    boolean failureMessagesFull() {
        return failureMessagesFull;
    }

    /** The failure messages kept so far, in the order they first came. */
    List<String> failureMessages() {
        synchronized (failureMessages) {
            return List.copyOf(failureMessages);
        }
    }

    private void record(int slot, String kind, long responseTimeMs, long count) {
        record(slot, kind, responseTimeMs, count, List.of());
    }

    private void record(int slot, String kind, long responseTimeMs, long count, List<String> failedChecks) {
        long phase = phaser.writerCriticalSectionEnter();
        try {
            // The time is read inside the critical section, so a second is never closed under a recording of it.
            long now = clockMs.getAsLong();
            StepSecond second = secondAt(now);
            if (second == null) {
                return;
            }
            second.record(slot, kind, responseTimeMs, count, failedChecks);
            completed[slot].add(count);
            if (TRANSPORT.equals(kind) || TIMEOUT.equals(kind)) {
                withoutResponse[slot].add(count);
            }
            if (!second.warmup()) {
                lastMeasuredEndMs.accumulateAndGet(now, Math::max);
            }
        } finally {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /** The open second holding {@code nowMs}, moving on to a new second first if the open one has ended. */
    private StepSecond secondAt(long nowMs) {
        while (true) {
            if (finished) {
                return null;
            }
            StepSecond current = active.get();
            if (current == null) {
                startMs.compareAndSet(NOT_YET, nowMs);
                active.compareAndSet(null, newSecond(0, null));
                continue;
            }
            if (nowMs < current.endMs()) {
                return current;
            }
            StepSecond next = newSecond(indexAt(nowMs), current);
            if (active.compareAndSet(current, next)) {
                return next;
            }
        }
    }

    private StepSecond newSecond(long index, StepSecond previous) {
        return new StepSecond(index, index < warmupSeconds, endOf(index), names.size(), previous);
    }

    private long indexAt(long nowMs) {
        long sinceStart = nowMs - startMs.get();
        if (sinceStart < warmupMs) {
            return Math.max(0, sinceStart / SECOND_MS);
        }
        return warmupSeconds + (sinceStart - warmupMs) / SECOND_MS;
    }

    /** When second {@code index} ends, epoch ms. */
    long endOf(long index) {
        long start = startMs.get();
        if (index < warmupSeconds) {
            return start + Math.min((index + 1) * SECOND_MS, warmupMs);
        }
        return start + warmupMs + (index - warmupSeconds + 1) * SECOND_MS;
    }

    /** When second {@code index} starts, ms since the step's start. */
    long startOf(long index) {
        if (index < warmupSeconds) {
            return index * SECOND_MS;
        }
        return warmupMs + (index - warmupSeconds) * SECOND_MS;
    }

    /** Whether second {@code index} belongs to the warm-up. */
    boolean isWarmup(long index) {
        return index < warmupSeconds;
    }

    /**
     * Closes every second that ended at or before {@code nowMs} and returns them in order, seconds without any response
     * included; each second is returned once, by this method or by {@link #finish}.
     */
    List<StepSecond> closeUntil(long nowMs) {
        phaser.readerLock();
        try {
            StepSecond current = active.get();
            if (finished || current == null) {
                return List.of();
            }
            while (nowMs >= current.endMs()) {
                StepSecond next = newSecond(indexAt(nowMs), current);
                current = active.compareAndSet(current, next) ? next : active.get();
            }
            phaser.flipPhase();
            return collect(current, false);
        } finally {
            phaser.readerUnlock();
        }
    }

    /**
     * Ends the step: requests sent but never completed are counted, in the last second, as measured {@code transport}
     * errors when {@code countUnansweredAsErrors} (a run that ended normally, where that means a lost request) and left
     * out otherwise (a stopped run, where Gatling dropped users mid-request on purpose). Returns every second not yet
     * closed, the last (partial) one included; later recordings are ignored.
     */
    List<StepSecond> finish(boolean countUnansweredAsErrors) {
        if (countUnansweredAsErrors && active.get() != null) {
            for (int slot = 0; slot < names.size(); slot++) {
                long lost = unaccounted(slot);
                if (lost > 0) {
                    record(slot, TRANSPORT, -1, lost);
                }
            }
        }
        phaser.readerLock();
        try {
            if (finished) {
                return List.of();
            }
            finished = true;
            StepSecond current = active.get();
            phaser.flipPhase();
            return current == null ? List.of() : collect(current, true);
        } finally {
            phaser.readerUnlock();
        }
    }

    /** Seconds from {@code nextToClose} up to {@code current} (included if {@code inclusive}), gaps filled. */
    private List<StepSecond> collect(StepSecond current, boolean inclusive) {
        Deque<StepSecond> chain = new ArrayDeque<>();
        if (inclusive) {
            chain.push(current);
        }
        for (StepSecond s = current.previous(); s != null && s.index() >= nextToClose; s = s.previous()) {
            chain.push(s);
        }
        // Closed seconds are no longer reachable for writers; drop the chain so they can be collected.
        current.forgetPrevious();
        long upTo = inclusive ? current.index() + 1 : current.index();
        List<StepSecond> closed = new ArrayList<>();
        for (long index = nextToClose; index < upTo; index++) {
            StepSecond second =
                    !chain.isEmpty() && chain.peek().index() == index ? chain.pop() : newSecond(index, null);
            fold(second);
            closed.add(second);
        }
        nextToClose = Math.max(nextToClose, upTo);
        return closed;
    }

    private void fold(StepSecond second) {
        if (stageTally != null && !second.warmup()) {
            stageTally.add(startOf(second.index()), second);
        }
        if (!second.warmup()) {
            measuredTotal.add(second);
            return;
        }
        for (int slot = 0; slot < names.size(); slot++) {
            warmupTotal += second.count(slot);
        }
    }

    /** Request names, in the order results list them. */
    List<String> names() {
        return names;
    }

    /** The step's start, epoch ms; meaningful once {@link #started}. */
    long startMs() {
        return startMs.get();
    }

    boolean started() {
        return startMs.get() != NOT_YET;
    }

    /** Start + warm-up, or null before the step started. */
    Instant measuredFrom() {
        long start = startMs.get();
        return start == NOT_YET ? null : Instant.ofEpochMilli(start + warmupMs);
    }

    /** When the last measured request completed, or null if none did. */
    Instant measuredTo() {
        long last = lastMeasuredEndMs.get();
        return last == NOT_YET ? null : Instant.ofEpochMilli(last);
    }

    long sentTotal() {
        return sum(sent);
    }

    /** Responses counted as warm-up, in the seconds closed so far. */
    long warmupRequests() {
        phaser.readerLock();
        try {
            return warmupTotal;
        } finally {
            phaser.readerUnlock();
        }
    }

    /** Requests sent that never reached {@link #answered} or {@link #noResponse}: users cut off mid-request. */
    long unaccounted() {
        long total = 0;
        for (int slot = 0; slot < names.size(); slot++) {
            total += unaccounted(slot);
        }
        return total;
    }

    private long unaccounted(int slot) {
        return Math.max(0, sent[slot].sum() - completed[slot].sum());
    }

    /** True when something was sent and not a single HTTP response came back (timeouts included). */
    boolean noResponseAtAll() {
        long total = sentTotal();
        return total > 0 && sum(withoutResponse) + unaccounted() == total;
    }

    /** One result per request name: the measured seconds closed so far, summed. Call after {@link #finish}. */
    List<RequestResult> results() {
        phaser.readerLock();
        try {
            return measuredTotal.results();
        } finally {
            phaser.readerUnlock();
        }
    }

    /** One result per stage, the measured seconds closed so far; empty without stages. Call after {@link #finish}. */
    List<StageResult> stageResults() {
        if (stageTally == null) {
            return List.of();
        }
        phaser.readerLock();
        try {
            return stageTally.results();
        } finally {
            phaser.readerUnlock();
        }
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    private static long sum(LongAdder[] adders) {
        long total = 0;
        for (LongAdder adder : adders) {
            total += adder.sum();
        }
        return total;
    }
}
