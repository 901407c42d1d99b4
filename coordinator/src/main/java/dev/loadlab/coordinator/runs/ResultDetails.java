package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.FailureMessage;
import dev.loadlab.coordinator.model.FlowRecord;
import dev.loadlab.coordinator.model.StageRecord;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The parts of a step's merge that v2 workloads add: failure messages, flows and stages, each merged exactly across
 * the agents' results (counts summed, histograms added). The results must come in agent-id order, so a merge of the
 * same results always gives the same record. Stateless.
 */
final class ResultDetails {
    private ResultDetails() {}

    /**
     * The union of the agents' failure messages, distinct, at most {@link StepRecord#MAX_FAILURE_MESSAGES}: taken
     * round-robin (every agent's first message, then every agent's second, ...) so one agent's many reasons cannot
     * crowd out another's first; each with how many agents reported it.
     */
    static List<FailureMessage> failureMessages(List<StepResult> results) {
        List<List<String>> perAgent =
                results.stream().map(ResultDetails::bounded).toList();
        Map<String, Integer> agents = new LinkedHashMap<>();
        perAgent.forEach(messages -> messages.forEach(message -> agents.merge(message, 1, Integer::sum)));
        Set<String> order = new LinkedHashSet<>();
        int longest = perAgent.stream().mapToInt(List::size).max().orElse(0);
        for (int position = 0; position < longest; position++) {
            for (List<String> messages : perAgent) {
                if (position < messages.size()) {
                    order.add(messages.get(position));
                }
            }
        }
        return order.stream()
                .limit(StepRecord.MAX_FAILURE_MESSAGES)
                .map(message -> new FailureMessage(message, agents.get(message)))
                .toList();
    }

    /** One agent's messages as the contract bounds them, whatever the agent sent: distinct, few, and short. */
    private static List<String> bounded(StepResult result) {
        return result.failureMessages().stream()
                .filter(message -> message != null && !message.isEmpty())
                .map(message -> message.length() <= StepResult.MAX_FAILURE_MESSAGE_LENGTH
                        ? message
                        : message.substring(0, StepResult.MAX_FAILURE_MESSAGE_LENGTH))
                .distinct()
                .limit(StepResult.MAX_FAILURE_MESSAGES)
                .toList();
    }

    /** Flows by name (in name order): completed and failed iterations summed, iteration histograms added. */
    static List<FlowRecord> flows(List<StepResult> results) {
        Map<String, Histogram> histograms = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (StepResult result : results) {
            for (FlowResult flow : result.flows()) {
                histograms
                        .computeIfAbsent(flow.name(), n -> HistogramCodec.newHistogram())
                        .add(HistogramCodec.fromBase64(flow.histogram()));
                long[] c = counts.computeIfAbsent(flow.name(), n -> new long[2]);
                c[0] += flow.completed();
                c[1] += flow.failed();
            }
        }
        List<FlowRecord> flows = new ArrayList<>();
        histograms.forEach((name, h) -> flows.add(new FlowRecord(name, counts.get(name)[0], counts.get(name)[1], h)));
        return flows;
    }

    /**
     * Stages by index (in order): responses and errors summed over agents and request names, histograms added; the
     * stage's seconds are the most any agent measured in it, since the agents run one schedule from one start.
     */
    static List<StageRecord> stages(List<StepResult> results) {
        Map<Integer, Histogram> histograms = new TreeMap<>();
        Map<Integer, long[]> counts = new TreeMap<>();
        for (StepResult result : results) {
            for (StageResult stage : result.stages()) {
                Histogram h = histograms.computeIfAbsent(stage.index(), i -> HistogramCodec.newHistogram());
                long[] c = counts.computeIfAbsent(stage.index(), i -> new long[3]);
                c[0] = Math.max(c[0], stage.seconds());
                for (RequestResult request : stage.requests()) {
                    h.add(HistogramCodec.fromBase64(request.histogram()));
                    c[1] += request.requests();
                    c[2] += request.errors();
                }
            }
        }
        List<StageRecord> stages = new ArrayList<>();
        histograms.forEach((index, h) -> {
            long[] c = counts.get(index);
            stages.add(new StageRecord(index, c[0], c[1], c[2], h));
        });
        return stages;
    }
}
