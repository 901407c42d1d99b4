package dev.loadlab.protocol.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that need the stores: the dataset exists, every {@code ${variable}} is one of its columns or saved by some
 * request of the workload, every {@code ${secret:X}} is stored. With {@link ScenarioReferences#UNCHECKED} none
 * applies. Malformed templates are {@link RequestRules}' to report, so they are skipped here.
 */
final class ReferenceRules {
    private final Findings f;
    private final ScenarioReferences refs;

    ReferenceRules(Findings findings, ScenarioReferences refs) {
        this.f = findings;
        this.refs = refs;
    }

    void check(Workload workload) {
        if (refs == ScenarioReferences.UNCHECKED) {
            return;
        }
        Set<String> known = new HashSet<>();
        List<String> columns = List.of();
        DatasetRef dataset = workload.dataset();
        if (dataset != null) {
            if (dataset.name() == null
                    || !WorkloadRules.DATASET_NAME.matcher(dataset.name()).matches()) {
                return; // WorkloadRules refuses the name; without a dataset no variable can be judged.
            }
            Optional<List<String>> stored = refs.datasetColumns(dataset.name());
            if (stored.isEmpty()) {
                f.fail("$.workload.dataset.name", "names no stored dataset: \"" + dataset.name() + "\"");
                // Its columns are unknown, so no variable can be judged.
                return;
            }
            columns = stored.get();
            known.addAll(columns);
        }
        List<RequestSites.Site> sites = RequestSites.of(workload);
        for (RequestSites.Site site : sites) {
            Map<String, Extract> save = site.request().save();
            if (save != null) {
                known.addAll(save.keySet());
            }
        }
        for (RequestSites.Site site : sites) {
            for (RequestSites.TextUse use : RequestSites.texts(site)) {
                Template template;
                try {
                    template = Template.parse(use.text());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                for (String variable : template.variables()) {
                    if (!known.contains(variable)) {
                        f.fail(
                                use.field(),
                                "refers to ${" + variable + "}, which is neither a column of "
                                        + (dataset == null
                                                ? "a dataset (the workload has none)"
                                                : "the dataset " + dataset.name() + " " + columns)
                                        + " nor saved by a request of the workload");
                    }
                }
                if (use.secretsAllowed()) {
                    for (String secret : template.secrets()) {
                        if (!refs.secretExists(secret)) {
                            f.fail(use.field(), "refers to ${secret:" + secret + "}, which is not a stored secret");
                        }
                    }
                }
            }
        }
    }
}
