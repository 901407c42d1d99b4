package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user journey end to end on real parts: a dataset of users uploaded over REST, a flows scenario over two agents
 * (own JVMs) against the reference target host (own JVM, switched to its multi-process profile with two workers, so
 * that a token issued by one worker process and an item stored by one are used through another), each user logging in
 * once and then creating an item and reading it back through the id it extracted from {@code Location}.
 *
 * <p>Why the target's counts must equal LoadLab's exactly: the warm-up is off, so every response the agents got is
 * counted in the measured window ({@code warmupRequests} is 0 and is checked), and a user never leaves mid-request, so
 * when the run is final every request sent has its response counted. The multi-process profile serves one request per
 * connection: nothing is in flight when the run ends. And the target counts a response per endpoint ({@code /login},
 * {@code /items} for POST and GET alike, {@code /items/{id}}), which is why this test never lists the items before it
 * reads the counts.
 */
class JourneyIT {
    private static final int USERS = 8;

    @TempDir
    Path dir;

    @Test
    void usersLogInOnceThenCreateAndReadItemsAndEveryCountMatchesWhatTheTargetServed() throws Exception {
        try (HostStack stack = HostStack.start(dir, "journey", 2)) {
            StringJoiner csv = new StringJoiner("\n", "", "\n").add("user,password,sku");
            for (int i = 1; i <= USERS; i++) {
                csv.add("user" + i + ",loadlab,sku-" + i);
            }
            Api.Reply uploaded = stack.api.post(
                    "/api/v1/datasets",
                    "{\"name\": \"shoppers\", \"format\": \"csv\", \"content\": " + Jsons.quote(csv.toString()) + "}");
            assertThat(uploaded.status()).as(String.valueOf(uploaded.body())).isEqualTo(201);
            JsonNode dataset = stack.api.get("/api/v1/datasets/shoppers").body();
            assertThat(dataset.get("rows").asLong()).isEqualTo(USERS);
            assertThat(dataset.get("columns").toString()).isEqualTo("[\"user\",\"password\",\"sku\"]");

            JsonNode run = stack.runToEnd(
                    """
                    {"name": "journey",
                     "target": %s,
                     "workload": {
                       "dataset": {"name": "shoppers", "strategy": "circular"},
                       "pause": {"fixed": "50ms"},
                       "flows": [{
                         "name": "shopper",
                         "once": [{
                           "name": "login", "method": "POST", "path": "/login",
                           "body": {"user": "${user}", "password": "${password}"},
                           "checks": [{"status": [200]}, {"jsonPath": "$.token", "exists": true}],
                           "save": {"token": {"jsonPath": "$.token"}}}],
                         "steps": [
                           {"name": "create", "method": "POST", "path": "/items",
                            "headers": {"Authorization": "Bearer ${token}"},
                            "body": {"sku": "${sku}", "qty": 1, "by": "${user}"},
                            "checks": [{"status": [201]}, {"header": "Location", "matches": "/items/.+"}],
                            "save": {"id": {"header": "Location", "regex": "[^/]+$"}}},
                           {"name": "read", "path": "/items/${id}",
                            "headers": {"Authorization": "Bearer ${token}"},
                            "checks": [{"status": [200]}, {"jsonPath": "$.sku", "equals": "${sku}"},
                                       {"jsonPath": "$.id", "equals": "${id}"}]}]}]},
                     "load": {"model": "closed", "users": %d, "duration": "6s"},
                     "agents": 2}
                    """.formatted(stack.target("[\"multi-process\"]", "[2]"), USERS), Duration.ofSeconds(180));

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            JsonNode step = run.get("steps").get(0);
            System.out.println("JourneyIT step: " + step.get("requests") + " requests, byRequest "
                    + step.get("byRequest") + ", flows " + step.get("flows"));
            assertThat(step.get("agents").asInt()).isEqualTo(2);
            assertThat(step.get("errors").asLong()).as(step.toPrettyString()).isZero();
            assertThat(Jsons.messages(step)).as("failure messages").isEmpty();
            assertThat(step.get("warmupRequests").asLong()).as("warm-up is off").isZero();

            JsonNode byRequest = step.get("byRequest");
            long logins = byRequest.get("login").get("requests").asLong();
            long creates = byRequest.get("create").get("requests").asLong();
            long reads = byRequest.get("read").get("requests").asLong();
            for (String name : new String[] {"login", "create", "read"}) {
                assertThat(byRequest.get(name).get("errors").asLong()).as(name).isZero();
                assertThat(Jsons.sum(byRequest.get(name).get("failedChecks")))
                        .as(name + " failed checks")
                        .isZero();
            }
            assertThat(logins).as("one login per user").isEqualTo(USERS);
            assertThat(creates).isGreaterThan(USERS);
            // A user reads back every item it created, except perhaps the one whose creation ended its last loop.
            assertThat(reads).isBetween(creates - USERS, creates);
            assertThat(logins + creates + reads).isEqualTo(step.get("requests").asLong());

            JsonNode hostStats = stack.controlGet("/control/stats");
            JsonNode served = Jsons.objectWithKey(hostStats, "/login")
                    .orElseThrow(() -> new AssertionError("no per-endpoint counts in " + hostStats.toPrettyString()));
            System.out.println("JourneyIT target served: " + served);
            assertThat(Jsons.longOf(served, "/login"))
                    .as("logins the target served")
                    .isEqualTo(logins);
            assertThat(Jsons.longOf(served, "/items"))
                    .as("POST /items the target served")
                    .isEqualTo(creates);
            assertThat(Jsons.longOf(served, "/items/{id}"))
                    .as("GET /items/{id} the target served")
                    .isEqualTo(reads);
            assertThat(hostStats.get("requests").asLong())
                    .as("everything the target served")
                    .isEqualTo(step.get("requests").asLong());

            JsonNode flow = Jsons.element(step.get("flows"), "name", "shopper")
                    .orElseThrow(() -> new AssertionError("no flow shopper in " + step.get("flows")));
            assertThat(flow.get("completed").asLong()).isPositive();
            assertThat(flow.get("failed").asLong()).isZero();
            JsonNode iteration = flow.get("latencyMs");
            // An iteration is create, pause, read, pause: the two 50 ms pauses are in its duration.
            assertThat(iteration.get("p50").asLong()).isGreaterThanOrEqualTo(100);
            assertThat(iteration.get("p99").asLong())
                    .isGreaterThanOrEqualTo(iteration.get("p50").asLong());
            assertThat(iteration.get("max").asLong())
                    .isGreaterThanOrEqualTo(iteration.get("p99").asLong());
        }
    }
}
