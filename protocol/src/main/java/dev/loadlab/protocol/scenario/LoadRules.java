package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_DURATION;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PRECISION;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PROBES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_RATE;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_SLO_P99_MS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_STAGES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_STAGE_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_USERS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WARMUP;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MIN_PRECISION;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rules of {@code load} and {@code slo}: each model's fields, the warm-up and duration, staged load (closed and
 * open only; stages replace the top-level level and duration; the measured part they leave after the warm-up is 1 s to
 * {@link ScenarioLimits#MAX_DURATION}) and the connection behaviour ({@link Connections}).
 */
final class LoadRules {
    private final Findings f;

    LoadRules(Findings findings) {
        this.f = findings;
    }

    void check(Load load, Slo slo) {
        checkLoad(load);
        checkSlo(load, slo);
    }

    /**
     * {@code $.load.connections}: an unknown value never gets here (decoding refuses it, naming the values allowed).
     * Every value goes with every model. {@code per-user} with the open model (and a search's probes) is allowed on
     * purpose: each arrival is then a new client with its own connection, kept for its whole flow and closed when the
     * flow ends. That is how new visitors reach a site and Gatling's own default; for a one-request flow it costs what
     * {@code close-each} costs (a connection per request), for a flow of several requests it keeps them on one
     * connection, which neither other value can express. Refused: {@code close-each} over HTTP/2, where a
     * {@code Connection} header is forbidden (RFC 9113, 8.2.2) and one connection carries every stream; and, once
     * {@code connections} is given, a request's own {@code Connection} header, which would override the choice
     * silently (scenarios that set the header without choosing keep working as before).
     */
    void checkConnections(Load load, Target target, Workload workload) {
        if (load.connections() == null) {
            return;
        }
        if (load.connections() == Connections.CLOSE_EACH && target != null && target.usesHttp2()) {
            f.fail(
                    "$.load.connections",
                    "cannot be close-each with $.target.http2: HTTP/2 forbids the Connection header and multiplexes"
                            + " every request on one connection; use per-user or shared");
        }
        for (RequestSites.Site site : RequestSites.of(workload)) {
            Map<String, String> headers = site.request().headers();
            if (headers == null) {
                continue;
            }
            for (String name : headers.keySet()) {
                if ("connection".equalsIgnoreCase(name)) {
                    f.fail(
                            Paths.member(site.path() + ".headers", name),
                            "cannot be combined with $.load.connections, which sets how connections are held;"
                                    + " remove one of them");
                }
            }
        }
    }

    private void checkLoad(Load load) {
        if (!f.present("$.load.model", load.model())) {
            return;
        }
        boolean staged = load.staged() && load.model() != LoadModel.SEARCH;
        switch (load.model()) {
            case CLOSED -> {
                if (staged) {
                    notWithStages("$.load.users", load.users());
                } else {
                    f.range("$.load.users", load.users(), 1, MAX_USERS);
                }
                f.absent("$.load.rate", load.rate(), "closed");
            }
            case OPEN -> {
                if (staged) {
                    notWithStages("$.load.rate", load.rate());
                } else {
                    rate("$.load.rate", load.rate());
                }
                f.absent("$.load.users", load.users(), "open");
            }
            case SEARCH -> {
                rate("$.load.rate", load.rate());
                rate("$.load.maxRate", load.maxRate());
                if (load.rate() != null && load.maxRate() != null && load.maxRate() < load.rate()) {
                    f.fail(
                            "$.load.maxRate",
                            "must be at least $.load.rate (" + load.rate() + "), was " + load.maxRate());
                }
                if (!(load.precision() >= MIN_PRECISION && load.precision() <= MAX_PRECISION)) {
                    f.fail(
                            "$.load.precision",
                            "must be between " + MIN_PRECISION + " and " + MAX_PRECISION + ", was " + load.precision());
                }
                f.range("$.load.maxProbes", load.maxProbes(), 2, MAX_PROBES);
                f.absent("$.load.users", load.users(), "search");
                f.absent("$.load.stages", load.stages(), "search");
            }
        }
        if (load.model() != LoadModel.SEARCH) {
            f.absent("$.load.maxRate", load.maxRate(), load.model().wireName());
            f.absent("$.load.precision", load.precision(), load.model().wireName());
            f.absent("$.load.maxProbes", load.maxProbes(), load.model().wireName());
        }
        f.duration("$.load.warmup", load.warmup(), Duration.ZERO, MAX_WARMUP);
        if (staged) {
            stages(load);
        } else if (f.present("$.load.duration", load.duration())) {
            f.duration("$.load.duration", load.duration(), Duration.ofSeconds(1), MAX_DURATION);
        }
    }

    private void notWithStages(String field, Object value) {
        if (value != null) {
            f.fail(field, "cannot be combined with $.load.stages: each stage sets its own level");
        }
    }

    private void stages(Load load) {
        List<Stage> stages = load.stages();
        if (stages.isEmpty() || stages.size() > MAX_STAGES) {
            f.size("$.load.stages", stages.size(), 1, MAX_STAGES, "stages");
            return;
        }
        Duration total = Duration.ZERO;
        boolean complete = true;
        for (int i = 0; i < stages.size(); i++) {
            String at = Paths.index("$.load.stages", i);
            Stage stage = stages.get(i);
            if (!f.present(at, stage)) {
                complete = false;
                continue;
            }
            if (load.model() == LoadModel.CLOSED) {
                if (f.present(at + ".users", stage.users()) && (stage.users() < 0 || stage.users() > MAX_USERS)) {
                    f.fail(at + ".users", "must be between 0 and " + MAX_USERS + ", was " + stage.users());
                }
                f.absent(at + ".rate", stage.rate(), "closed");
            } else {
                if (f.present(at + ".rate", stage.rate()) && !(stage.rate() >= 0 && stage.rate() <= MAX_RATE)) {
                    f.fail(
                            at + ".rate",
                            "must be between 0 and " + (long) MAX_RATE + " per second, was " + stage.rate());
                }
                f.absent(at + ".users", stage.users(), "open");
            }
            if (stage.ramp() == null && stage.hold() == null) {
                f.fail(at, "needs ramp or hold (or both)");
            }
            complete &= stageDuration(at + ".ramp", stage.ramp());
            complete &= stageDuration(at + ".hold", stage.hold());
            total = total.plus(stage.length());
        }
        if (!complete) {
            return;
        }
        Duration derived = total.minus(load.warmup());
        if (load.duration() != null && !load.duration().equals(derived)) {
            f.fail("$.load.duration", "cannot be combined with $.load.stages: the stages' length sets it");
            return;
        }
        if (load.warmup().compareTo(total) >= 0) {
            f.fail(
                    "$.load.warmup",
                    "must be shorter than the stages' total length (" + DurationText.format(total) + "), was "
                            + DurationText.format(load.warmup()));
        } else if (derived.compareTo(Duration.ofSeconds(1)) < 0 || derived.compareTo(MAX_DURATION) > 0) {
            f.fail(
                    "$.load.stages",
                    "must leave a measured duration (total length minus warm-up) between 1s and "
                            + DurationText.format(MAX_DURATION) + ", left " + DurationText.format(derived));
        }
    }

    /** True when {@code value} is absent or within bounds (so the stages' total means something). */
    private boolean stageDuration(String field, Duration value) {
        if (value == null) {
            return true;
        }
        f.duration(field, value, Duration.ZERO, MAX_STAGE_LENGTH);
        return value.compareTo(MAX_STAGE_LENGTH) <= 0;
    }

    private void checkSlo(Load load, Slo slo) {
        if (slo == null) {
            if (load.model() == LoadModel.SEARCH) {
                f.fail("$.slo", "is required by the search model: it is what the search must meet");
            }
            return;
        }
        if (f.present("$.slo.p99Ms", slo.p99Ms()) && (slo.p99Ms() < 1 || slo.p99Ms() > MAX_SLO_P99_MS)) {
            f.fail("$.slo.p99Ms", "must be between 1 and " + MAX_SLO_P99_MS + ", was " + slo.p99Ms());
        }
        if (f.present("$.slo.errorRate", slo.errorRate()) && !(slo.errorRate() >= 0 && slo.errorRate() <= 1)) {
            f.fail("$.slo.errorRate", "must be between 0 and 1 (a fraction of responses), was " + slo.errorRate());
        }
    }

    private void rate(String field, Double rate) {
        if (f.present(field, rate) && !(rate > 0 && rate <= MAX_RATE)) {
            f.fail(field, "must be above 0 and at most " + (long) MAX_RATE + " per second, was " + rate);
        }
    }
}
