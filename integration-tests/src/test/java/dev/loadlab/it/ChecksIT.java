package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that cannot pass, on purpose, each on its own request: a status the target never answers, a JSON path its
 * answer does not have, a response time bound of 0 ms on a 20 ms endpoint, and a 50 ms timeout on a 300 ms one. Every
 * response is an error of the right kind ({@code check}, or {@code timeout}), counted under the check's label in
 * {@code failedChecks}, and the step says why in {@code failureMessages} ({@code "<request>: <label>: <what>"}).
 *
 * <p>The requests are the steps of one flow, in order, so that every kind of failure is among the first few distinct
 * messages an agent keeps (the maxMs messages differ by the time measured, and could otherwise fill the list).
 */
class ChecksIT {
    @TempDir
    Path dir;

    @Test
    void failedChecksAreCountedByKindAndLabelAndExplained() {
        try (AppStack stack = AppStack.start(dir, "checks", 1)) {
            JsonNode run = stack.runToEnd("""
                    {"name": "failing-checks",
                     "target": {"baseUrl": "%s"},
                     "workload": {"flows": [{"name": "failing", "steps": [
                       {"name": "badStatus", "path": "/echo", "checks": [{"status": [299]}]},
                       {"name": "missingPath", "path": "/echo", "checks": [{"jsonPath": "$.nope", "exists": true}]},
                       {"name": "tooSlow", "path": "/io?ms=20", "checks": [{"maxMs": 5}]},
                       {"name": "timedOut", "path": "/io?ms=300", "timeout": "50ms"}]}]},
                     "load": {"model": "closed", "users": 2, "duration": "4s"}}
                    """.formatted(stack.targetUrl()), Duration.ofSeconds(120));

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            JsonNode step = run.get("steps").get(0);
            System.out.println("ChecksIT step: byRequest " + step.get("byRequest") + ", errorsByKind "
                    + step.get("errorsByKind") + ", failureMessages " + step.get("failureMessages"));
            JsonNode byRequest = step.get("byRequest");

            allFailedOneCheck(byRequest.get("badStatus"), "status");
            allFailedOneCheck(byRequest.get("missingPath"), "jsonPath($.nope)");
            allFailedOneCheck(byRequest.get("tooSlow"), "maxMs");

            JsonNode timedOut = byRequest.get("timedOut");
            assertThat(timedOut.get("requests").asLong()).isPositive();
            assertThat(timedOut.get("errors").asLong())
                    .isEqualTo(timedOut.get("requests").asLong());
            assertThat(Jsons.longOf(timedOut.get("errorsByKind"), "timeout"))
                    .as("timed-out requests, by kind")
                    .isEqualTo(timedOut.get("errors").asLong());
            assertThat(Jsons.longOf(timedOut.get("errorsByKind"), "check")).isZero();
            assertThat(Jsons.sum(timedOut.get("failedChecks"))).isZero();
            assertThat(timedOut.get("latencyMs").get("p50").asLong())
                    .as("a timed-out request is not waited for")
                    .isLessThan(300);

            assertThat(step.get("errors").asLong())
                    .isEqualTo(step.get("requests").asLong());
            long checks = 0;
            for (String name : new String[] {"badStatus", "missingPath", "tooSlow"}) {
                checks += byRequest.get(name).get("requests").asLong();
            }
            assertThat(Jsons.longOf(step.get("errorsByKind"), "check")).isEqualTo(checks);
            assertThat(Jsons.longOf(step.get("errorsByKind"), "timeout"))
                    .isEqualTo(timedOut.get("requests").asLong());

            List<String> messages = Jsons.messages(step);
            assertThat(messages)
                    .anySatisfy(
                            m -> assertThat(m).startsWith("badStatus: status: ").contains("299"));
            assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("missingPath: jsonPath($.nope): "));
            assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("tooSlow: maxMs: "));
            assertThat(messages).anySatisfy(m -> assertThat(m.toLowerCase(Locale.ROOT))
                    .startsWith("timedout: ")
                    .contains("timeout"));
            assertThat(messages).allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(300));
        }
    }

    /** Every response of this request failed the one check labelled {@code label}: one error of kind check each. */
    private static void allFailedOneCheck(JsonNode request, String label) {
        long requests = request.get("requests").asLong();
        assertThat(requests).as(label + ": requests").isPositive();
        assertThat(request.get("errors").asLong()).as(label + ": errors").isEqualTo(requests);
        assertThat(Jsons.longOf(request.get("errorsByKind"), "check"))
                .as(label + ": errors of kind check")
                .isEqualTo(requests);
        assertThat(Jsons.sum(request.get("errorsByKind")))
                .as(label + ": errors of any kind")
                .isEqualTo(requests);
        assertThat(Jsons.longOf(request.get("failedChecks"), label))
                .as(label + ": failed checks " + request.get("failedChecks"))
                .isEqualTo(requests);
        assertThat(Jsons.sum(request.get("failedChecks")))
                .as(label + ": no other check failed")
                .isEqualTo(requests);
    }
}
