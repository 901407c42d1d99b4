package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_DATASET_NAME_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_FLOWS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_REQUESTS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_STEPS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WEIGHT;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a workload: exactly one of {@code requests} and {@code flows}, the flows' names, weights and steps (a
 * step is a request or a pause), request names unique across the whole workload, the default pause and the dataset's
 * name. Each request's own rules are {@link RequestRules}'.
 */
final class WorkloadRules {
    static final Pattern DATASET_NAME =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_DATASET_NAME_LENGTH - 1) + "}");

    private final Findings f;
    private final RequestRules requests;

    WorkloadRules(Findings findings) {
        this.f = findings;
        this.requests = new RequestRules(findings);
    }

    void check(Workload workload) {
        if (workload.requests() == null && workload.flows() == null) {
            f.fail("$.workload.requests", "is required (or $.workload.flows)");
        } else if (workload.requests() != null && workload.flows() != null) {
            f.fail("$.workload.flows", "cannot be combined with $.workload.requests: a workload has one of the two");
        } else if (workload.requests() != null) {
            List<RequestSpec> list = workload.requests();
            f.size("$.workload.requests", list.size(), 1, MAX_REQUESTS, "requests");
            for (int i = 0; i < list.size(); i++) {
                f.present(Paths.index("$.workload.requests", i), list.get(i));
            }
        } else {
            flows(workload.flows());
        }
        for (RequestSites.Site site : RequestSites.of(workload)) {
            boolean flowStep = site.path().startsWith("$.workload.flows");
            if (!flowStep || !site.request().pauseOnly()) {
                requests.check(site);
            } else {
                pauseStep(site);
            }
        }
        uniqueNames(workload);
        if (workload.pause() != null) {
            PauseRules.check(f, "$.workload.pause", workload.pause());
        }
        DatasetRef dataset = workload.dataset();
        if (dataset != null
                && f.present("$.workload.dataset.name", dataset.name())
                && !DATASET_NAME.matcher(dataset.name()).matches()) {
            f.fail(
                    "$.workload.dataset.name",
                    "must be 1 to " + MAX_DATASET_NAME_LENGTH
                            + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private void flows(List<Flow> flows) {
        f.size("$.workload.flows", flows.size(), 1, MAX_FLOWS, "flows");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < flows.size(); i++) {
            String at = Paths.index("$.workload.flows", i);
            Flow flow = flows.get(i);
            if (!f.present(at, flow)) {
                continue;
            }
            if (f.present(at + ".name", flow.name())) {
                if (!RequestRules.REQUEST_NAME.matcher(flow.name()).matches()) {
                    f.fail(at + ".name", "must be 1 to 40 letters, digits, '_' or '-'");
                } else if (!names.add(flow.name())) {
                    f.fail(at + ".name", "must be unique within the workload; \"" + flow.name() + "\" repeats");
                }
            }
            f.range(at + ".weight", flow.weight(), 1, MAX_WEIGHT);
            int once = flow.once() == null ? 0 : flow.once().size();
            if (flow.once() != null && once == 0) {
                f.fail(at + ".once", "must hold at least one step when given");
            }
            if (f.present(at + ".steps", flow.steps())) {
                int steps = flow.steps().size();
                if (steps == 0) {
                    f.fail(at + ".steps", "must hold at least one step");
                } else if (once + steps > MAX_STEPS) {
                    f.fail(
                            at + ".steps",
                            "must hold at most " + MAX_STEPS + " steps together with once, held " + (once + steps));
                }
                nullSteps(at + ".steps", flow.steps());
            }
            if (flow.once() != null) {
                nullSteps(at + ".once", flow.once());
            }
        }
    }

    private void nullSteps(String field, List<RequestSpec> steps) {
        for (int i = 0; i < steps.size(); i++) {
            f.present(Paths.index(field, i), steps.get(i));
        }
    }

    /** A pause step: {@code pause} and nothing else (method and weight keep their defaults). */
    private void pauseStep(RequestSites.Site site) {
        String at = site.path();
        RequestSpec step = site.request();
        if (step.headers() != null
                || step.body() != null
                || step.timeout() != null
                || step.checks() != null
                || step.save() != null
                || !step.method().equals("GET")
                || step.weight() != 1) {
            f.fail(at, "is a pause step (no name, no path): it can hold nothing but pause");
        }
        PauseRules.check(f, at + ".pause", step.pause());
    }

    private void uniqueNames(Workload workload) {
        Set<String> names = new HashSet<>();
        for (RequestSites.Site site : RequestSites.of(workload)) {
            String name = site.request().name();
            if (name != null && RequestRules.REQUEST_NAME.matcher(name).matches() && !names.add(name)) {
                f.fail(site.path() + ".name", "must be unique within the workload; \"" + name + "\" repeats");
            }
        }
    }
}
