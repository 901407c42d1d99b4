package dev.loadlab.agent.gatling;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Template;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One LoadLab request as a Gatling chain: {@link #request} is the only entry point, used for v1's weighted mix and for
 * every request step of a flow. The chain renders the request from the user's session, sends it, captures what the
 * checks and saves need, judges the response in Java ({@link ResponseJudge}) and records the outcome in the run's
 * {@link StepRecorder}: exactly one completion per request, whatever happens.
 *
 * <ol>
 *   <li>Render path, headers and body ({@link RequestTemplate}) from the session's variables and the run's secrets,
 *       and count the request as sent. A reference without a value: the request is not sent, and is recorded as kind
 *       {@code check} under {@code missing(${name})}.
 *   <li>Send it. Gatling only captures (status, response time, the body when something reads it, the named headers as
 *       optional), so Gatling itself never fails a check; the per-request {@code timeout} is Gatling's {@code
 *       requestTimeout}.
 *   <li>Judge: no status captured means no HTTP response, kind {@code timeout} when the request's timeout had passed,
 *       {@code transport} otherwise; else the {@link ResponseJudge} verdict. Saved values go into the session under
 *       their variable names; failure messages go to the recorder with secret values masked.
 * </ol>
 *
 * <p>Session variables are plain attributes named as the variable ({@code Template.VARIABLE} has no dots); LoadLab's own
 * attributes all contain a dot, so the two never collide. After every request the chain sets {@link #RESTART}. Not
 * instantiable; the chains it builds are immutable and shared by all users.
 */
final class RequestChains {
    /**
     * Session attribute, always set (Boolean) once the chain ends: true when a save failed, so the flow must end this
     * iteration (in {@code once}: retry {@code once}); false otherwise. Read it with {@link #restartRequested}.
     */
    static final String RESTART = "loadlab.restart";

    /**
     * Session attribute, set (true) when the request's outcome was an error of any kind; never cleared here, so a
     * flow clears it when an iteration starts and reads it when the iteration ends (a failed iteration).
     */
    static final String FAILED = "loadlab.failed";

    private static final String RENDERED = "loadlab.req.rendered";
    private static final String SENT_AT = "loadlab.req.sentAt";
    private static final String NOT_SENT = "loadlab.req.notSent";
    private static final String STATUS = "loadlab.req.status";
    private static final String TIME_MS = "loadlab.req.timeMs";
    private static final String BODY = "loadlab.req.body";
    private static final String HEADER = "loadlab.req.header.";

    private RequestChains() {}

    /** True when the last request's chain asked for the iteration to end (a save failed); false when unset. */
    static boolean restartRequested(Session session) {
        return Boolean.TRUE.equals(session.get(RESTART));
    }

    /**
     * The chain for request {@code index} (its slot in {@code run.recorder()}: the index in the names the recorder was
     * built with) described by {@code spec}. Throws {@link IllegalArgumentException} when the spec cannot be compiled
     * (the coordinator's validation should have refused it).
     */
    static ChainBuilder request(RunContext run, int index, RequestSpec spec) {
        RequestTemplate template = RequestTemplate.compile(spec);
        if (plain(spec, template)) {
            return plainRequest(run, index, spec, template.render(variable -> null, secret -> null), template);
        }
        ResponseJudge judge = ResponseJudge.compile(spec);
        StepRecorder recorder = run.recorder();
        Map<String, String> secretValues = run.plan().secrets();
        Function<String, String> secrets = secretValues::get;
        SecretMask mask = new SecretMask(secretValues);
        String name = spec.name();
        Duration timeout = spec.timeout();
        long timeoutNanos = timeout == null ? -1 : timeout.toNanos();
        List<String> headers = judge.headersNeeded();

        ChainBuilder prepare = exec(session -> {
            Session clean = session.removeAll(RESTART, RENDERED, NOT_SENT, STATUS, TIME_MS, BODY);
            for (int h = 0; h < headers.size(); h++) {
                clean = clean.remove(HEADER + h);
            }
            run.sent(index);
            try {
                RequestTemplate.Rendered rendered = template.render(variables(clean), secrets);
                return clean.set(RENDERED, rendered).set(SENT_AT, System.nanoTime());
            } catch (Template.MissingValueException e) {
                String label = "missing(" + e.reference() + ")";
                recorder.completed(index, StepRecorder.CHECK, -1, List.of(label));
                message(recorder, mask, name + ": " + label + ": " + e.getMessage() + ", so the request was not sent");
                return clean.set(NOT_SENT, true).set(FAILED, true);
            }
        });

        HttpRequestActionBuilder send = http(session -> name)
                .httpRequest(template.method(), session -> rendered(session).path());
        List<String> headerNames = template.headerNames();
        for (int h = 0; h < headerNames.size(); h++) {
            int at = h;
            // Functions, never strings: Gatling would read "#{...}" in a string as its expression language.
            send = send.header(
                    headerNames.get(h),
                    session -> rendered(session).headerValues().get(at));
        }
        if (template.hasBody()) {
            send = send.body(ByteArrayBody(session -> rendered(session).body()));
        }
        if (timeout != null) {
            send = send.requestTimeout(timeout);
        }
        List<CheckBuilder> captures = new ArrayList<>();
        captures.add(status().saveAs(STATUS));
        captures.add(responseTimeInMillis().saveAs(TIME_MS));
        for (int h = 0; h < headers.size(); h++) {
            String header = headers.get(h);
            captures.add(header(session -> header).find().optional().saveAs(HEADER + h));
        }
        if (judge.needsBody()) {
            // Optional, so an empty body never makes Gatling fail the capture.
            captures.add(bodyString().optional().saveAs(BODY));
        }
        send = send.check(captures);

        ChainBuilder conclude = exec(session -> {
            Session done = session.contains(NOT_SENT)
                    ? session
                    : judged(session, index, name, timeoutNanos, timeout, judge, headers, recorder, mask, secrets);
            Session clean = done.removeAll(RENDERED, NOT_SENT, SENT_AT, STATUS, TIME_MS, BODY);
            for (int h = 0; h < headers.size(); h++) {
                clean = clean.remove(HEADER + h);
            }
            return clean.contains(RESTART) ? clean : clean.set(RESTART, false);
        });

        return prepare.doIf(session -> session.contains(RENDERED))
                .then(exec(send))
                .exec(conclude);
    }

    /** No reference, check, save or timeout: a v1 request, which takes the short chain below. */
    private static boolean plain(RequestSpec spec, RequestTemplate template) {
        return template.constant()
                && (spec.checks() == null || spec.checks().isEmpty())
                && (spec.save() == null || spec.save().isEmpty())
                && spec.timeout() == null;
    }

    /**
     * The chain for a {@link #plain} request, as short as v1's, because a generator's cost per request is part of
     * every figure it measures: count it as sent, send the fixed request capturing only the status, record status
     * and time in the response-time capture (Gatling runs it after the status capture), and afterwards count a
     * missing status as a transport error. Judged as {@link ResponseJudge} judges a request without checks: a status
     * of 500 or more is {@code http_5xx}, of 400 or more {@code http_4xx}.
     */
    private static ChainBuilder plainRequest(
            RunContext run, int index, RequestSpec spec, RequestTemplate.Rendered fixed, RequestTemplate template) {
        StepRecorder recorder = run.recorder();
        String name = spec.name();
        String path = fixed.path();
        ChainBuilder prepare = exec(session -> {
            run.sent(index);
            return session.removeAll(STATUS, RESTART);
        });
        // The name is validated to letters, digits, '_' and '-', so Gatling's expression language finds nothing in it.
        HttpRequestActionBuilder send = http(name).httpRequest(template.method(), session -> path);
        List<String> headerNames = template.headerNames();
        for (int h = 0; h < headerNames.size(); h++) {
            String value = fixed.headerValues().get(h);
            send = send.header(headerNames.get(h), session -> value);
        }
        if (fixed.body() != null) {
            byte[] body = fixed.body();
            send = send.body(ByteArrayBody(session -> body));
        }
        send = send.check(status().saveAs(STATUS), responseTimeInMillis().transformWithSession((millis, session) -> {
            int status = session.getInt(STATUS);
            String kind = ResponseJudge.statusKind(status);
            recorder.completed(index, kind, millis, List.of());
            if (kind != null && !recorder.failureMessagesFull()) {
                recorder.failureMessage(name + ": " + kind + ": status " + status);
            }
            return millis;
        }));
        ChainBuilder conclude = exec(session -> {
            if (!session.contains(STATUS)) {
                recorder.completed(index, StepRecorder.TRANSPORT, -1, List.of());
                if (!recorder.failureMessagesFull()) {
                    recorder.failureMessage(name + ": transport: no HTTP response (refused, reset, or TLS failed)");
                }
                return session.set(FAILED, true);
            }
            return ResponseJudge.statusKind(session.getInt(STATUS)) != null ? session.set(FAILED, true) : session;
        });
        return prepare.exec(send).exec(conclude);
    }

    private static Session judged(
            Session session,
            int index,
            String name,
            long timeoutNanos,
            Duration timeout,
            ResponseJudge judge,
            List<String> headers,
            StepRecorder recorder,
            SecretMask mask,
            Function<String, String> secrets) {
        Object status = session.get(STATUS);
        if (status == null) {
            long waited = System.nanoTime() - session.getLong(SENT_AT);
            if (timeoutNanos > 0 && waited >= timeoutNanos) {
                recorder.completed(index, StepRecorder.TIMEOUT, -1, List.of());
                message(recorder, mask, name + ": timeout: no response within " + text(timeout));
            } else {
                recorder.completed(index, StepRecorder.TRANSPORT, -1, List.of());
                message(recorder, mask, name + ": transport: no HTTP response (refused, reset, or TLS failed)");
            }
            return session.set(RESTART, false).set(FAILED, true);
        }
        Map<String, String> captured = new HashMap<>();
        for (int h = 0; h < headers.size(); h++) {
            Object value = session.get(HEADER + h);
            if (value != null) {
                captured.put(headers.get(h).toLowerCase(Locale.ROOT), value.toString());
            }
        }
        Object time = session.get(TIME_MS);
        long timeMs = time instanceof Number n ? n.longValue() : 0;
        Object body = session.get(BODY);
        ResponseView view =
                new ResponseView(((Number) status).intValue(), timeMs, captured, body == null ? null : body.toString());
        ResponseJudge.Verdict verdict;
        try {
            verdict = judge.judge(view, variables(session), secrets);
        } catch (RuntimeException e) {
            // A bug in judging must not lose the request: count it as failed and say why.
            verdict = new ResponseJudge.Verdict(
                    StepRecorder.CHECK,
                    List.of("loadlab"),
                    List.of(name + ": loadlab: could not judge the response: " + e),
                    Map.of(),
                    false);
        }
        recorder.completed(index, verdict.kind(), timeMs, verdict.failedChecks());
        for (String message : verdict.messages()) {
            message(recorder, mask, message);
        }
        Session next = verdict.kind() == null ? session : session.set(FAILED, true);
        if (!verdict.saved().isEmpty()) {
            next = next.setAll(new LinkedHashMap<String, Object>(verdict.saved()));
        }
        return next.set(RESTART, verdict.extractionFailed());
    }

    private static void message(StepRecorder recorder, SecretMask mask, String message) {
        if (!recorder.failureMessagesFull()) {
            recorder.failureMessage(mask.apply(message));
        }
    }

    private static RequestTemplate.Rendered rendered(Session session) {
        return session.get(RENDERED);
    }

    /** The session's variables: attributes by name, as text. */
    private static Function<String, String> variables(Session session) {
        return variable -> {
            Object value = session.get(variable);
            return value == null ? null : value.toString();
        };
    }

    private static String text(Duration duration) {
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
