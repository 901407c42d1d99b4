package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_AGENTS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_DURATION;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_NAME_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PATH_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PRECISION;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PROBES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PROFILES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_RATE;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_REPEATS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_REQUESTS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_SLO_P99_MS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_TOKEN_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_USERS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WARMUP;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WEIGHT;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WORKERS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WORKER_COUNTS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.METHODS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MIN_PRECISION;

import dev.loadlab.protocol.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a decoded scenario against {@link ScenarioLimits}; collects every broken rule with its JSON path. */
final class ScenarioValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Pattern REQUEST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    private final List<FieldError> errors = new ArrayList<>();

    static List<FieldError> validate(Scenario scenario) {
        ScenarioValidator validator = new ScenarioValidator();
        validator.check(scenario);
        return List.copyOf(validator.errors);
    }

    private void check(Scenario s) {
        if (present("$.name", s.name())) {
            if (s.name().length() > MAX_NAME_LENGTH || !NAME.matcher(s.name()).matches()) {
                fail(
                        "$.name",
                        "must be 1 to " + MAX_NAME_LENGTH
                                + " letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        }
        if (present("$.target", s.target())) {
            checkUrl("$.target.baseUrl", s.target().baseUrl());
            checkControl(s.target());
        }
        if (present("$.workload", s.workload())) {
            checkRequests(s.workload().requests());
        }
        if (present("$.load", s.load())) {
            checkLoad(s.load());
            checkSlo(s.load(), s.slo());
        }
        range("$.agents", s.agents(), 1, MAX_AGENTS);
        range("$.repeats", s.repeats(), 1, MAX_REPEATS);
    }

    private void checkControl(Target target) {
        TargetControl control = target.control();
        if (control == null) {
            if (target.profiles() != null) {
                fail(
                        "$.target.profiles",
                        "needs $.target.control: only a target host's control API can switch profiles");
            }
            if (target.workers() != null) {
                fail("$.target.workers", "needs $.target.control: only a target host's control API can switch workers");
            }
            return;
        }
        checkUrl("$.target.control.url", control.url());
        if (present("$.target.control.token", control.token())
                && (control.token().isBlank() || control.token().length() > MAX_TOKEN_LENGTH)) {
            fail("$.target.control.token", "must be 1 to " + MAX_TOKEN_LENGTH + " characters");
        }
        List<String> profiles = target.profiles();
        if (profiles != null) {
            if (profiles.isEmpty() || profiles.size() > MAX_PROFILES) {
                fail("$.target.profiles", "must hold 1 to " + MAX_PROFILES + " profiles, held " + profiles.size());
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < profiles.size(); i++) {
                String profile = profiles.get(i);
                String at = "$.target.profiles[" + i + "]";
                if (present(at, profile)) {
                    if (!PROFILE.matcher(profile).matches()) {
                        fail(at, "must be 1 to 40 letters, digits, '.', '_' or '-'");
                    } else if (!seen.add(profile)) {
                        fail(at, "must be unique; \"" + profile + "\" repeats");
                    }
                }
            }
        }
        List<Integer> workers = target.workers();
        if (workers != null) {
            if (workers.isEmpty() || workers.size() > MAX_WORKER_COUNTS) {
                fail(
                        "$.target.workers",
                        "must hold 1 to " + MAX_WORKER_COUNTS + " worker counts, held " + workers.size());
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < workers.size(); i++) {
                String at = "$.target.workers[" + i + "]";
                range(at, workers.get(i), 1, MAX_WORKERS);
                if (workers.get(i) != null && !seen.add(workers.get(i))) {
                    fail(at, "must be unique; " + workers.get(i) + " repeats");
                }
            }
        }
        if ((profiles == null) != (workers == null)) {
            fail(
                    profiles == null ? "$.target.profiles" : "$.target.workers",
                    "is required with $.target." + (profiles == null ? "workers" : "profiles")
                            + ": each step is one profile at one worker count");
        }
    }

    private void checkUrl(String field, String url) {
        if (!present(field, url)) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                fail(field, "must be an http:// or https:// URL, was \"" + url + "\"");
            } else if (uri.getHost() == null) {
                fail(field, "must name a host, was \"" + url + "\"");
            } else if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                fail(field, "must not carry a query, a fragment or credentials");
            }
        } catch (URISyntaxException e) {
            fail(field, "is not a URL: " + e.getReason());
        }
    }

    private void checkRequests(List<RequestSpec> requests) {
        String field = "$.workload.requests";
        if (!present(field, requests)) {
            return;
        }
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            fail(field, "must hold 1 to " + MAX_REQUESTS + " requests, held " + requests.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String at = field + "[" + i + "]";
            RequestSpec request = requests.get(i);
            if (!present(at, request)) {
                continue;
            }
            if (present(at + ".name", request.name())) {
                if (!REQUEST_NAME.matcher(request.name()).matches()) {
                    fail(at + ".name", "must be 1 to 40 letters, digits, '_' or '-'");
                } else if (!names.add(request.name())) {
                    fail(at + ".name", "must be unique within the workload; \"" + request.name() + "\" repeats");
                }
            }
            if (!METHODS.contains(request.method())) {
                fail(
                        at + ".method",
                        "must be one of " + METHODS.stream().sorted().toList());
            }
            if (present(at + ".path", request.path())) {
                if (!request.path().startsWith("/") || request.path().length() > MAX_PATH_LENGTH) {
                    fail(at + ".path", "must start with '/' and be at most " + MAX_PATH_LENGTH + " characters");
                } else if (request.path().chars().anyMatch(c -> c <= ' ' || c == 127)) {
                    fail(at + ".path", "must not contain spaces or control characters");
                }
            }
            range(at + ".weight", request.weight(), 1, MAX_WEIGHT);
        }
    }

    private void checkLoad(Load load) {
        if (!present("$.load.model", load.model())) {
            return;
        }
        switch (load.model()) {
            case CLOSED -> {
                range("$.load.users", load.users(), 1, MAX_USERS);
                absent("$.load.rate", load.rate(), "closed");
            }
            case OPEN -> {
                rate("$.load.rate", load.rate());
                absent("$.load.users", load.users(), "open");
            }
            case SEARCH -> {
                rate("$.load.rate", load.rate());
                rate("$.load.maxRate", load.maxRate());
                if (load.rate() != null && load.maxRate() != null && load.maxRate() < load.rate()) {
                    fail("$.load.maxRate", "must be at least $.load.rate (" + load.rate() + "), was " + load.maxRate());
                }
                if (!(load.precision() >= MIN_PRECISION && load.precision() <= MAX_PRECISION)) {
                    fail(
                            "$.load.precision",
                            "must be between " + MIN_PRECISION + " and " + MAX_PRECISION + ", was " + load.precision());
                }
                range("$.load.maxProbes", load.maxProbes(), 2, MAX_PROBES);
                absent("$.load.users", load.users(), "search");
            }
        }
        if (load.model() != LoadModel.SEARCH) {
            absent("$.load.maxRate", load.maxRate(), load.model().wireName());
            absent("$.load.precision", load.precision(), load.model().wireName());
            absent("$.load.maxProbes", load.maxProbes(), load.model().wireName());
        }
        duration("$.load.warmup", load.warmup(), Duration.ZERO, MAX_WARMUP);
        if (present("$.load.duration", load.duration())) {
            duration("$.load.duration", load.duration(), Duration.ofSeconds(1), MAX_DURATION);
        }
    }

    private void checkSlo(Load load, Slo slo) {
        if (slo == null) {
            if (load.model() == LoadModel.SEARCH) {
                fail("$.slo", "is required by the search model: it is what the search must meet");
            }
            return;
        }
        if (present("$.slo.p99Ms", slo.p99Ms()) && (slo.p99Ms() < 1 || slo.p99Ms() > MAX_SLO_P99_MS)) {
            fail("$.slo.p99Ms", "must be between 1 and " + MAX_SLO_P99_MS + ", was " + slo.p99Ms());
        }
        if (present("$.slo.errorRate", slo.errorRate()) && !(slo.errorRate() >= 0 && slo.errorRate() <= 1)) {
            fail("$.slo.errorRate", "must be between 0 and 1 (a fraction of responses), was " + slo.errorRate());
        }
    }

    private void rate(String field, Double rate) {
        if (present(field, rate) && !(rate > 0 && rate <= MAX_RATE)) {
            fail(field, "must be above 0 and at most " + (long) MAX_RATE + " per second, was " + rate);
        }
    }

    private void duration(String field, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            fail(
                    field,
                    "must be between " + DurationText.format(min) + " and " + DurationText.format(max) + ", was "
                            + DurationText.format(value));
        }
    }

    private void range(String field, Integer value, int min, int max) {
        if (present(field, value) && (value < min || value > max)) {
            fail(field, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    private void absent(String field, Object value, String model) {
        if (value != null) {
            fail(field, "does not apply to the " + model + " model");
        }
    }

    private boolean present(String field, Object value) {
        if (value == null) {
            fail(field, "is required");
            return false;
        }
        return true;
    }

    private void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
