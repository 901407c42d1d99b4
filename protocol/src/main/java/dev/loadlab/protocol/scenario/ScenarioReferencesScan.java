package dev.loadlab.protocol.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a scenario refers to outside itself, read off its templates: the secrets the coordinator must resolve into an
 * assignment, and the variables. Malformed templates are skipped (a decoded scenario has none). Stateless.
 */
public final class ScenarioReferencesScan {
    private ScenarioReferencesScan() {}

    /** Every secret referred to ({@code ${secret:NAME}} in header values and bodies), in order of first use. */
    public static Set<String> secretNames(Scenario scenario) {
        Set<String> names = new LinkedHashSet<>();
        for (Template template : templates(scenario)) {
            names.addAll(template.secrets());
        }
        return names;
    }

    /** Every session variable referred to ({@code ${name}}), in order of first use. */
    public static Set<String> variableNames(Scenario scenario) {
        Set<String> names = new LinkedHashSet<>();
        for (Template template : templates(scenario)) {
            names.addAll(template.variables());
        }
        return names;
    }

    private static List<Template> templates(Scenario scenario) {
        List<Template> templates = new ArrayList<>();
        for (RequestSites.Site site : RequestSites.of(scenario.workload())) {
            for (RequestSites.TextUse use : RequestSites.texts(site)) {
                try {
                    templates.add(Template.parse(use.text()));
                } catch (IllegalArgumentException e) {
                    // Not a valid template: validation refuses it; nothing to resolve.
                }
            }
        }
        return templates;
    }
}
