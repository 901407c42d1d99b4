package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PAUSE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The rules of a {@link Pause}: exactly one form, every duration within 0 to {@link ScenarioLimits#MAX_PAUSE}. */
final class PauseRules {
    private PauseRules() {}

    static void check(Findings f, String at, Pause pause) {
        List<String> forms = new ArrayList<>();
        if (pause.fixed() != null) {
            forms.add("fixed");
        }
        if (pause.uniform() != null) {
            forms.add("uniform");
        }
        if (pause.exponential() != null) {
            forms.add("exponential");
        }
        if (forms.isEmpty()) {
            f.fail(at, "must have exactly one of fixed, uniform or exponential");
            return;
        }
        for (String extra : forms.subList(1, forms.size())) {
            f.fail(at + "." + extra, "cannot be combined with " + forms.get(0) + ": a pause has exactly one form");
        }
        if (pause.fixed() != null) {
            f.duration(at + ".fixed", pause.fixed(), Duration.ZERO, MAX_PAUSE);
        }
        if (pause.exponential() != null) {
            f.duration(at + ".exponential", pause.exponential(), Duration.ZERO, MAX_PAUSE);
        }
        List<Duration> uniform = pause.uniform();
        if (uniform != null) {
            if (uniform.size() != 2) {
                f.fail(at + ".uniform", "must hold exactly two durations [low, high], held " + uniform.size());
                return;
            }
            f.duration(at + ".uniform[0]", uniform.get(0), Duration.ZERO, MAX_PAUSE);
            f.duration(at + ".uniform[1]", uniform.get(1), Duration.ZERO, MAX_PAUSE);
            if (uniform.get(0) != null
                    && uniform.get(1) != null
                    && uniform.get(0).compareTo(uniform.get(1)) > 0) {
                f.fail(
                        at + ".uniform[1]",
                        "must be at least uniform[0] (" + DurationText.format(uniform.get(0)) + "), was "
                                + DurationText.format(uniform.get(1)));
            }
        }
    }
}
