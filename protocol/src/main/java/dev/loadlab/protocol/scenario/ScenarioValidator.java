package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_AGENTS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_NAME_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_REPEATS;

import dev.loadlab.protocol.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a decoded scenario against {@link ScenarioLimits} and its references; collects every broken rule with its
 * JSON path. The rules live per part: {@link TargetRules}, {@link WorkloadRules} (with {@link RequestRules} and
 * {@link PauseRules}), {@link LoadRules} and {@link ReferenceRules}. Stateless.
 */
final class ScenarioValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ScenarioValidator() {}

    static List<FieldError> validate(Scenario scenario) {
        return validate(scenario, ScenarioReferences.UNCHECKED);
    }

    static List<FieldError> validate(Scenario s, ScenarioReferences refs) {
        Findings f = new Findings();
        if (f.present("$.name", s.name())) {
            if (s.name().length() > MAX_NAME_LENGTH || !NAME.matcher(s.name()).matches()) {
                f.fail(
                        "$.name",
                        "must be 1 to " + MAX_NAME_LENGTH
                                + " letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        }
        if (f.present("$.target", s.target())) {
            new TargetRules(f).check(s.target());
        }
        if (f.present("$.workload", s.workload())) {
            new WorkloadRules(f).check(s.workload());
            new ReferenceRules(f, refs).check(s.workload());
        }
        if (f.present("$.load", s.load())) {
            LoadRules loadRules = new LoadRules(f);
            loadRules.check(s.load(), s.slo());
            loadRules.checkConnections(s.load(), s.target(), s.workload());
        }
        f.range("$.agents", s.agents(), 1, MAX_AGENTS);
        f.range("$.repeats", s.repeats(), 1, MAX_REPEATS);
        return f.errors();
    }
}
