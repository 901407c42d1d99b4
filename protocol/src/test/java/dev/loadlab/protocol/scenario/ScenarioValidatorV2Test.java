package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One broken rule of scenario v2 at a time, on the spec's shop example: each edit must be refused at exactly that
 * field, with the limit in the message.
 */
class ScenarioValidatorV2Test {
    private static final String STEPS = "/workload/flows/0/steps";
    private static final String AT = "$.workload.flows[0].steps";

    @Test
    void theSpecExampleIsValidAgainstItsStores() {
        Scenario scenario = ScenarioCodec.decode(Fixtures.SHOP_JSON, ScenarioFormat.JSON, Fixtures.STORES);

        assertThat(scenario.workload().flows()).hasSize(1);
        assertThat(scenario.workload().flows().get(0).steps().get(1).pauseOnly())
                .isTrue();
        assertThat(scenario.load().duration()).hasSeconds(35);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // headers
                STEPS + "/0/headers/Bad Name=\"x\"|" + AT + "[0].headers['Bad Name']|is not a valid header name",
                STEPS + "/0/headers/Authorization=\"a\\nb\"|" + AT + "[0].headers.Authorization|CR, LF or NUL",
                STEPS + "/0/headers/Authorization=\"Bearer ${tok\"|" + AT + "[0].headers.Authorization|'$'",
                STEPS + "/0/headers/Authorization=\"Bearer ${secret:gone}\"|" + AT
                        + "[0].headers.Authorization|not a stored secret",
                STEPS + "/0/headers/Authorization=\"Bearer ${nope}\"|" + AT
                        + "[0].headers.Authorization|${nope}, which is neither a column",
                // timeout
                STEPS + "/0/timeout=\"0s\"|" + AT + "[0].timeout|must be between 1ms and 5m, was 0s",
                STEPS + "/0/timeout=\"6m\"|" + AT + "[0].timeout|must be between 1ms and 5m, was 6m",
                // checks
                STEPS + "/2/checks/0={\"status\": [201], \"maxMs\": 5}|" + AT + "[2].checks[0].maxMs|exactly one kind",
                STEPS + "/2/checks/0={}|" + AT + "[2].checks[0]|exactly one of status, jsonPath",
                STEPS + "/2/checks/1={\"header\": \"Location\", \"exists\": true}|" + AT
                        + "[2].checks[1].exists|only with jsonPath",
                STEPS + "/2/checks/1={\"bodyContains\": \"x\", \"equals\": 1}|" + AT
                        + "[2].checks[1].equals|only with jsonPath",
                STEPS + "/2/checks/0={\"status\": [201], \"matches\": \"x\"}|" + AT
                        + "[2].checks[0].matches|only with header",
                STEPS + "/2/checks/1={\"header\": \"Location\", \"matches\": \"(\"}|" + AT
                        + "[2].checks[1].matches|not a valid regular expression",
                STEPS + "/3/checks/0={\"jsonPath\": \"$..sku\", \"exists\": true}|" + AT
                        + "[3].checks[0].jsonPath|recursive descent",
                STEPS + "/3/checks/0={\"jsonPath\": \"$.sku\"}|" + AT + "[3].checks[0]|needs exists or equals",
                STEPS + "/3/checks/0={\"jsonPath\": \"$.sku\", \"exists\": true, \"equals\": 1}|" + AT
                        + "[3].checks[0].equals|cannot be combined with exists",
                STEPS + "/2/checks/0={\"status\": [99]}|" + AT + "[2].checks[0].status[0]|between 100 and 599, was 99",
                STEPS + "/2/checks/0={\"status\": []}|" + AT + "[2].checks[0].status|must hold 1 to 20",
                STEPS + "/3/checks/1={\"maxMs\": 0}|" + AT + "[3].checks[1].maxMs|between 1 and 300000, was 0",
                STEPS + "/3/checks/0={\"jsonPath\": \"$.sku\", \"equals\": \"${secret:api-key}\"}|" + AT
                        + "[3].checks[0].equals|must not refer to a secret",
                STEPS + "/3/checks/0={\"jsonPath\": \"$.sku\", \"equals\": {\"a\": [\"${sku\"]}}|" + AT
                        + "[3].checks[0].equals.a[0]|'$'",
                // save
                STEPS + "/2/save/id={\"jsonPath\": \"$.id\", \"header\": \"X\"}|" + AT
                        + "[2].save.id.header|cannot be combined with jsonPath",
                STEPS + "/2/save/id={}|" + AT + "[2].save.id|must have jsonPath, header, or regex",
                STEPS + "/2/save/id={\"header\": \"Location\", \"regex\": \"[\"}|" + AT
                        + "[2].save.id.regex|not a valid regular expression",
                STEPS + "/2/save/1bad={\"header\": \"Location\"}|" + AT + "[2].save['1bad']|not a valid variable name",
                STEPS + "/2/save/id={\"jsonPath\": \"$[?(@.a)]\"}|" + AT + "[2].save.id.jsonPath|supported subset",
                // pause
                STEPS + "/0/pause={}|" + AT + "[0].pause|exactly one of fixed, uniform or exponential",
                STEPS + "/0/pause={\"fixed\": \"1s\", \"exponential\": \"1s\"}|" + AT
                        + "[0].pause.exponential|exactly one form",
                STEPS + "/1/pause={\"uniform\": [\"300ms\", \"100ms\"]}|" + AT
                        + "[1].pause.uniform[1]|must be at least uniform[0] (300ms), was 100ms",
                STEPS + "/1/pause={\"uniform\": [\"1s\"]}|" + AT + "[1].pause.uniform|exactly two durations",
                STEPS + "/1/pause={\"fixed\": \"11m\"}|" + AT + "[1].pause.fixed|between 0s and 10m, was 11m",
                "/workload/pause={\"exponential\": \"20m\"}|$.workload.pause.exponential|between 0s and 10m",
                // path and body templates
                STEPS + "/3/path=\"/items/${secret:api-key}\"|" + AT + "[3].path|must not refer to a secret",
                STEPS + "/3/path=\"/items/$id\"|" + AT + "[3].path|write a literal '$' as '$$'",
                STEPS + "/3/path=\"/items/${nope}\"|" + AT + "[3].path|${nope}",
                "/workload/flows/0/once/0/body/user=\"${user\"|$.workload.flows[0].once[0].body.user|'$'",
                "/workload/flows/0/once/0/body/user=\"${nope}\"|$.workload.flows[0].once[0].body.user|${nope}",
                "/workload/flows/0/once/0/body=\"${secret:nope}\"|$.workload.flows[0].once[0].body|not a stored secret",
                // flows
                "/workload/flows/0/name=|$.workload.flows[0].name|is required",
                "/workload/flows/0/name=\"a b\"|$.workload.flows[0].name|letters, digits",
                "/workload/flows/0/weight=0|$.workload.flows[0].weight|between 1 and 1000, was 0",
                STEPS + "=[]|" + AT + "|at least one step",
                STEPS + "/1={\"pause\": {\"fixed\": \"1s\"}, \"timeout\": \"1s\"}|" + AT + "[1]|a pause step",
                STEPS + "/1={\"name\": \"p\"}|" + AT + "[1].path|is required",
                STEPS + "/3/name=\"login\"|" + AT + "[3].name|must be unique within the workload; \"login\" repeats",
                "/workload/requests=[{\"name\": \"a\", \"path\": \"/\"}]|$.workload.flows|cannot be combined",
                "/workload/flows=|$.workload.requests|is required",
                "/workload/flows=[]|$.workload.flows|must hold 1 to 20 flows, held 0",
                // dataset
                "/workload/dataset/name=\"nosuch\"|$.workload.dataset.name|names no stored dataset: \"nosuch\"",
                "/workload/dataset/name=\"-x\"|$.workload.dataset.name|letters, digits",
                "/workload/dataset/name=|$.workload.dataset.name|is required",
                // stages
                "/load/users=20|$.load.users|cannot be combined with $.load.stages",
                "/load/rate=5|$.load.rate|does not apply to the closed model",
                "/load/duration=\"10s\"|$.load.duration|cannot be combined with $.load.stages",
                "/load/stages/0={\"users\": 20}|$.load.stages[0]|needs ramp or hold",
                "/load/stages/0/users=10001|$.load.stages[0].users|between 0 and 10000, was 10001",
                "/load/stages/0/rate=5|$.load.stages[0].rate|does not apply to the closed model",
                "/load/stages/0/users=|$.load.stages[0].users|is required",
                "/load/warmup=\"40s\"|$.load.warmup|shorter than the stages' total length (40s), was 40s",
                "/load/warmup=\"39s500ms\"|$.load.stages|between 1s and 1h, left 500ms",
                "/load/stages/1/hold=\"1h\"|$.load.stages|between 1s and 1h, left 1h5s",
                "/load/stages/1/hold=\"2h\"|$.load.stages[1].hold|between 0s and 1h10m, was 2h",
                "/load/stages=[]|$.load.stages|must hold 1 to 20 stages, held 0",
                // target
                "/target/tls={\"insecure\": true}|$.target.tls|needs an https://",
                "/target/http2=true|$.target.http2|needs an https://",
                "/target/baseUrl=\"https://localhost\" ; /target/tls={}|$.target.tls|needs trustCertificate",
                "/target/baseUrl=\"https://localhost\" ; /target/tls={\"insecure\": false}|$.target.tls|needs trust",
                "/target/baseUrl=\"https://localhost\" ; /target/tls={\"trustCertificate\": \"junk\"}"
                        + "|$.target.tls.trustCertificate|is not a PEM X.509 certificate",
            })
    void refusesExactlyTheBrokenField(String edits, String field, String message) {
        assertThat(errors(Fixtures.shopWith(edits))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(message);
        });
    }

    @Test
    void aPemCertificateIsTrustedAndExcludesInsecure() {
        String pem = com.fasterxml.jackson.databind.node.TextNode.valueOf(Fixtures.CERTIFICATE)
                .toString();
        String https = "/target/baseUrl=\"https://localhost\" ; /target/http2=true ; /target/tls=";

        assertThat(errors(Fixtures.shopWith(https + "{\"trustCertificate\": " + pem + "}")))
                .isEmpty();
        assertThat(errors(Fixtures.shopWith(https + "{\"trustCertificate\": " + pem + ", \"insecure\": true}")))
                .extracting(FieldError::field)
                .containsExactly("$.target.tls.insecure");
        assertThat(errors(Fixtures.shopWith(https + "{\"insecure\": true}"))).isEmpty();
    }

    @Test
    void limitsOnSizesNameTheLimit() {
        String big = "x".repeat(ScenarioLimits.MAX_HEADER_VALUE_BYTES + 1);
        assertThat(errors(Fixtures.shopWith(STEPS + "/0/headers/Authorization=\"" + big + "\"")))
                .singleElement()
                .satisfies(e -> assertThat(e.toString())
                        .isEqualTo(AT + "[0].headers.Authorization: must be at most 8192 bytes (UTF-8), was 8193"));

        // A JSON body counts as its compact text: {"s":"..."} is 8 bytes more than the string.
        String body = "x".repeat(ScenarioLimits.MAX_BODY_BYTES - 8 + 1);
        assertThat(errors(Fixtures.shopWith("/workload/flows/0/once/0/body={\"s\": \"" + body + "\"}")))
                .singleElement()
                .satisfies(e -> assertThat(e.toString())
                        .isEqualTo("$.workload.flows[0].once[0].body: must be at most 262144 bytes as sent (UTF-8),"
                                + " was 262145"));
        String fits = "x".repeat(ScenarioLimits.MAX_BODY_BYTES - 8);
        assertThat(errors(Fixtures.shopWith("/workload/flows/0/once/0/body={\"s\": \"" + fits + "\"}")))
                .isEmpty();

        StringBuilder headers = new StringBuilder("{");
        for (int i = 0; i <= ScenarioLimits.MAX_HEADERS; i++) {
            headers.append(i == 0 ? "" : ", ").append("\"h").append(i).append("\": \"v\"");
        }
        assertThat(errors(Fixtures.shopWith(STEPS + "/0/headers=" + headers + "}")))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.toString()).isEqualTo(AT + "[0].headers: must hold at most 50 headers, held 51"));
    }

    @Test
    void onceWhenGivenHoldsAStep() {
        // Without the login, ${token} is saved nowhere: those errors follow from the same edit.
        assertThat(errors(Fixtures.shopWith("/workload/flows/0/once=[]")))
                .first()
                .hasToString("$.workload.flows[0].once: must hold at least one step when given");
    }

    @Test
    void stepsAreCountedWithOnce() {
        StringBuilder steps = new StringBuilder("[");
        for (int i = 0; i < ScenarioLimits.MAX_STEPS; i++) {
            steps.append(i == 0 ? "" : ", ").append("{\"pause\": {\"fixed\": \"1s\"}}");
        }
        assertThat(errors(Fixtures.shopWith(STEPS + "=" + steps + "]")))
                .extracting(FieldError::toString)
                .containsExactly(AT + ": must hold at most 50 steps together with once, held 51");
    }

    @Test
    void requestNamesAreUniqueAcrossFlows() {
        String second = "{\"name\": \"other\", \"steps\": [{\"name\": \"browse\", \"path\": \"/\"}]}";

        assertThat(errors(Fixtures.shopWith("/workload/flows/1=" + second)))
                .extracting(FieldError::toString)
                .containsExactly(
                        "$.workload.flows[1].steps[0].name: must be unique within the workload; \"browse\" repeats");
    }

    @Test
    void openStagesTakeRatesAndSearchTakesNoStages() {
        String open = "/load/model=\"open\" ; /load/stages=[{\"rate\": 5, \"ramp\": \"10s\"}, {\"rate\": 5, \"hold\":"
                + " \"30s\"}]";
        assertThat(errors(Fixtures.shopWith(open))).isEmpty();
        assertThat(errors(Fixtures.shopWith(open + " ; /load/stages/0/users=3")))
                .extracting(FieldError::field)
                .containsExactly("$.load.stages[0].users");
        assertThat(errors(Fixtures.shopWith(open + " ; /load/stages/0/rate=50001")))
                .extracting(FieldError::field)
                .containsExactly("$.load.stages[0].rate");
        assertThat(errors(Fixtures.shopWith(
                        "/load/model=\"search\" ; /load/rate=5 ; /slo={\"p99Ms\": 100," + " \"errorRate\": 0.01}")))
                .extracting(FieldError::field)
                .contains("$.load.stages");
    }

    @Test
    void uncheckedReferencesAllowAnyDatasetVariableAndSecret() {
        String edits = "/workload/dataset/name=\"nosuch\" ; " + STEPS
                + "/0/headers/Authorization=\"Bearer ${nope} ${secret:gone}\"";

        assertThat(ScenarioValidator.validate(
                        ScenarioCodec.decode(Fixtures.shopWith(edits)), ScenarioReferences.UNCHECKED))
                .isEmpty();
        // Where a secret may not appear is a rule of the scenario itself, checked without the stores too.
        assertThatThrownBy(() -> ScenarioCodec.decode(Fixtures.shopWith(STEPS + "/3/path=\"/${secret:x}\"")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly(AT + "[3].path"));
    }

    @Test
    void aSavedValueIsAKnownVariableWithoutADataset() {
        String edits = "/workload/dataset= ; /workload/flows/0/once/0/body={\"user\": \"u\"} ; " + STEPS
                + "/2/body={\"qty\": 1} ; " + STEPS + "/3/checks/0={\"jsonPath\": \"$.sku\", \"exists\": true}";

        assertThat(errors(Fixtures.shopWith(edits))).isEmpty();
    }

    @Test
    void secretNamesAreTheSecretsOfHeadersAndBodies() {
        String edits = STEPS + "/0/headers/X-Key=\"${secret:api-key}\" ; /workload/flows/0/once/0/body/password="
                + "\"${secret:pw}${secret:api-key}\"";
        Scenario scenario = ScenarioCodec.decode(Fixtures.shopWith(edits));

        assertThat(ScenarioReferencesScan.secretNames(scenario)).containsExactly("pw", "api-key");
        assertThat(ScenarioCodec.secretNames(scenario)).containsExactly("pw", "api-key");
        assertThat(ScenarioReferencesScan.variableNames(scenario)).containsExactly("user", "token", "sku", "id");
        assertThat(ScenarioReferencesScan.secretNames(ScenarioCodec.decode(Fixtures.SHOP_JSON)))
                .isEmpty();
    }

    private static List<FieldError> errors(String json) {
        try {
            ScenarioCodec.decode(json, ScenarioFormat.JSON, Fixtures.STORES);
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }
}
