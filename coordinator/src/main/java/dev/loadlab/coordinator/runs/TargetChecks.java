package dev.loadlab.coordinator.runs;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.target.TargetAllowlist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every URL of a scenario that load or control calls are sent to, checked against this coordinator's allowlist: the
 * target's base URL (every request's path is appended to it; paths start with '/' and redirects are not followed, so
 * no request leaves that host) and the target host's control API. Checked when a run is submitted and again before
 * each step, since a saved scenario may outlive a changed allowlist. Stateless.
 */
final class TargetChecks {
    private static final String HINT = " (this coordinator's --allowed-targets or LOADLAB_ALLOWED_TARGETS)";

    private TargetChecks() {}

    /** The URLs of {@code scenario} a LoadLab process sends to, by the JSON path of their field. */
    static Map<String, String> urls(Scenario scenario) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("$.target.baseUrl", scenario.target().baseUrl());
        if (scenario.target().control() != null) {
            urls.put("$.target.control.url", scenario.target().control().url());
        }
        return urls;
    }

    /** One error per URL the allowlist refuses, naming its field; empty when every one is allowed. */
    static List<FieldError> refusals(TargetAllowlist allowlist, Scenario scenario) {
        List<FieldError> errors = new ArrayList<>();
        urls(scenario).forEach((field, url) -> {
            TargetAllowlist.Check check = allowlist.check(url);
            if (!check.allowed()) {
                errors.add(new FieldError(
                        field, check.refusal().contains("allowlist") ? check.refusal() + HINT : check.refusal()));
            }
        });
        return errors;
    }
}
