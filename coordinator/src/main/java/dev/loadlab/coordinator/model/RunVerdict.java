package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished run says about its target, apart from whether it ran (the run's status): {@code passed} (every step
 * met the scenario's SLO, or it has none, on figures that can be trusted), {@code failed} (a step broke an SLO rule on
 * trustworthy figures; {@code steps} name them with their rules) or {@code inconclusive} (no step failed, but some
 * figures cannot carry a verdict: a generator-bound, unsteady, degraded or failed step, or a run that failed or was
 * cancelled before its end; {@code steps} name them). A failure outweighs doubt elsewhere: a step that broke its SLO
 * on good figures fails the run whatever the other steps were. {@code reason} is one plain sentence. Immutable.
 */
public record RunVerdict(Outcome outcome, String reason, List<StepFinding> steps) {
    /** How it is judged; returned with each run in {@code measurement}. */
    public static final String METHOD = "passed = the run succeeded and every step met the scenario's slo (or it has"
            + " none) on figures that can be trusted; failed = at least one step broke an slo rule on trustworthy"
            + " figures (steps lists them with the rules); inconclusive = nothing failed, but a step was generator-bound,"
            + " unsteady, degraded or failed, or the run failed or was cancelled (steps lists them); null while the run"
            + " is queued or running";

    public RunVerdict {
        steps = List.copyOf(steps);
    }

    /**
     * One step behind the verdict: which one ({@code index}, {@code profile}, {@code workers}, {@code repeat}), its
     * outcome and the reasons, one plain sentence each.
     */
    public record StepFinding(
            int index, String profile, Integer workers, int repeat, Outcome outcome, List<String> reasons) {
        public StepFinding {
            reasons = List.copyOf(reasons);
        }
    }

    /** The verdict of a run in {@code status} with these (already SLO-judged) steps; null before the run ended. */
    public static RunVerdict of(RunStatus status, String failure, List<StepView> steps) {
        if (status == null || !status.isFinal()) {
            return null;
        }
        List<StepFinding> failed = new ArrayList<>();
        List<StepFinding> doubtful = new ArrayList<>();
        for (StepView step : steps) {
            SloVerdict slo = step.slo();
            if (slo != null && slo.outcome() == Outcome.FAILED && trusted(step)) {
                failed.add(finding(step, Outcome.FAILED, slo.reasons()));
                continue;
            }
            List<String> doubts = doubts(step);
            if (!doubts.isEmpty()) {
                doubtful.add(finding(step, Outcome.INCONCLUSIVE, doubts));
            }
        }
        if (!failed.isEmpty()) {
            return new RunVerdict(
                    Outcome.FAILED, count(failed.size(), "step") + " broke the SLO: " + names(failed), failed);
        }
        if (status != RunStatus.SUCCEEDED) {
            String why = status == RunStatus.CANCELLED ? "the run was cancelled" : "the run failed";
            String detail = failure == null || failure.isBlank() ? "" : " (" + failure + ")";
            return new RunVerdict(Outcome.INCONCLUSIVE, why + detail + " before every step was measured", doubtful);
        }
        if (!doubtful.isEmpty()) {
            return new RunVerdict(
                    Outcome.INCONCLUSIVE,
                    "the figures of " + count(doubtful.size(), "step") + " cannot carry a verdict: " + names(doubtful),
                    doubtful);
        }
        return new RunVerdict(
                Outcome.PASSED,
                steps.stream().anyMatch(step -> step.slo() != null)
                        ? "every step met the SLO"
                        : "every step ran on trustworthy figures; the scenario has no SLO",
                List.of());
    }

    /**
     * A failed SLO counts on a step that ended with its figures: the SLO's own verdict is already inconclusive for a
     * generator-bound or unsteady window, and a degraded step that still broke it put less load on the target, not
     * more; a failed or cancelled step's "no response was measured" is about the run, not the target.
     */
    private static boolean trusted(StepView step) {
        return step.status() == StepStatus.SUCCEEDED || step.status() == StepStatus.DEGRADED;
    }

    /** Why a step's figures cannot carry a verdict; empty when they can. */
    private static List<String> doubts(StepView step) {
        List<String> doubts = new ArrayList<>();
        switch (step.status()) {
            case FAILED ->
                doubts.add("the step failed"
                        + (step.failure() == null || step.failure().isBlank() ? "" : ": " + step.failure()));
            case CANCELLED -> doubts.add("the step was cancelled");
            case DEGRADED -> doubts.add("the step lost agents while it ran" + lost(step));
            case SUCCEEDED -> {}
        }
        if (step.generatorBound()) {
            doubts.add("the load generator was the bottleneck"
                    + (step.generatorReason() == null ? "" : " (" + step.generatorReason() + ")"));
        }
        if (step.unsteady()) {
            doubts.add(
                    "the measured window was not steady (" + step.steadiness().reason() + ")");
        }
        return doubts;
    }

    private static String lost(StepView step) {
        return step.agentsLost() == null || step.agentsLost().isEmpty()
                ? ""
                : " (" + String.join(", ", step.agentsLost()) + ")";
    }

    private static StepFinding finding(StepView step, Outcome outcome, List<String> reasons) {
        return new StepFinding(step.index(), step.profile(), step.workers(), step.repeat(), outcome, reasons);
    }

    private static String names(List<StepFinding> steps) {
        List<String> names = new ArrayList<>();
        for (StepFinding step : steps) {
            names.add("step " + step.index() + " (" + label(step) + ")");
        }
        return String.join(", ", names);
    }

    private static String label(StepFinding step) {
        String at = step.profile() == null ? "target" : step.profile();
        return step.workers() == null ? at : at + " W=" + step.workers();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
