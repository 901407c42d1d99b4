package dev.loadlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loadlab run}: submits a scenario file ({@code POST /api/v1/runs}) or starts a saved or built-in scenario
 * ({@code POST /api/v1/scenarios/{name}/runs}), then follows the run to its end and exits with what its verdict says.
 * The file is parsed here first (JSON, or YAML by its extension), so a broken file fails before anything is sent.
 * With {@code --baseline} the baseline run is found before the run is submitted (none such: exit 4, nothing run), and
 * the finished run is compared with it ({@code GET /api/v1/compare}): a regressed step exits 1. Mutable (picocli
 * fills it), used once.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Submits a scenario and watches the run to its end: progress per step, then the results table (per step:"
                    + " profile, W, repeat, req/s, p50, p99, errors, flags) and the verdict with its reason.",
            "  loadlab run scenario.yaml --label ci:pr-42",
            "  loadlab run --scenario smoke --patch '{\"load\": {\"duration\": \"5s\"}}' --junit steps.xml",
            "  loadlab run scenario.yaml --label branch:pr-42 --baseline label:branch=main",
            RunWatcher.CTRL_C_HELP
        },
        exitCodeList = {
            ExitCode.HELP_0,
            ExitCode.HELP_1 + "; with --baseline also: a step's throughput regressed",
            ExitCode.HELP_2,
            ExitCode.HELP_3 + " (Ctrl-C / SIGINT / SIGTERM cancels it)",
            ExitCode.HELP_4 + "; with --baseline also: no run carries its label"
        })
final class RunCommand extends ApiCommand {
    @Mixin
    ResultOptions result = new ResultOptions();

    @Mixin
    BaselineOptions baseline = new BaselineOptions();

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "FILE", description = "The scenario: .json, or .yaml / .yml.")
        Path file;

        @Option(
                names = "--scenario",
                paramLabel = "NAME",
                description = "Run the latest version of a saved or built-in scenario (gil-cpu, gil-mixed, smoke).")
        String name;
    }

    @Option(
            names = "--label",
            paramLabel = "KEY:VALUE",
            description = "A label for the run (repeatable), e.g. --label ci:pr-42.")
    List<String> labels = new ArrayList<>();

    @Option(
            names = "--patch",
            paramLabel = "JSON",
            description = "A JSON Merge Patch (RFC 7396) over the scenario, e.g. '{\"load\": {\"duration\": \"5s\"}}'.")
    String patch;

    @Option(names = "--detach", description = "Print the run's id and exit once it is queued; do not watch.")
    boolean detach;

    @Override
    int execute() {
        for (String label : labels) {
            if (label.indexOf(':') <= 0) {
                throw new CliException("--label must be KEY:VALUE, got '" + label + "'");
            }
        }
        JsonNode patchNode = patch == null ? null : parsePatch(patch);
        BaselineSelector selector = baseline.selector();
        baseline.minEffect();
        if (selector != null && detach) {
            throw new CliException("--baseline compares the run once it has ended; it cannot go with --detach"
                    + " (compare later with: loadlab compare --baseline " + selector + " RUN)");
        }
        ApiClient api = api();
        String baselineId = selector == null ? null : selector.resolve(api, null);
        Output output = output();
        String id;
        JsonNode run;
        // Caught from before the run exists: a Ctrl-C while it is submitted cancels it once it has an id, rather than
        // ending the client and leaving the run to go on.
        try (Interrupts.Catching catching = detach ? () -> {} : interrupts().catching()) {
            id = submit(api, patchNode);
            if (detach) {
                output.println(id);
                return ExitCode.PASSED;
            }
            if (!result.quiet()) {
                output.println("run " + id + " queued: " + RunReport.dashboardLink(api.baseUrl(), id)
                        + (baselineId == null ? "" : " (baseline " + baselineId + ")"));
            }
            run = result.watch(api, output, interrupts(), id);
        }
        result.report(run, api.baseUrl(), output);
        result.writeFiles(run);
        if (baselineId == null) {
            return ExitCode.of(run);
        }
        int code = ExitCode.of(run);
        if (code == ExitCode.RUN_FAILED) {
            output.println("not compared with baseline " + baselineId + ": the run is "
                    + run.path("status").asText());
            return code;
        }
        JsonNode comparison = baseline.compare(api, baselineId, id);
        if (result.summary == ResultOptions.Summary.markdown) {
            output.out().print("\n" + ComparisonReport.markdown(comparison, api.baseUrl()));
            output.out().flush();
        } else {
            ComparisonReport.print(comparison, output);
        }
        return ComparisonReport.regressed(comparison) ? ExitCode.REGRESSED : code;
    }

    /** Submits the file or the named scenario with the labels and the patch; the new run's id. */
    private String submit(ApiClient api, JsonNode patchNode) {
        String query = ApiClient.query(Map.of("label", labels));
        JsonNode queued;
        if (source.name != null) {
            queued = api.post(
                    "/api/v1/scenarios/" + URLEncoder.encode(source.name, StandardCharsets.UTF_8) + "/runs" + query,
                    patchNode == null ? null : patchNode.toString(),
                    "application/json");
        } else {
            queued = api.post("/api/v1/runs" + query, scenario(source.file, patchNode), "application/json");
        }
        return queued.path("id").asText();
    }

    /** The scenario file as JSON to send, with the patch applied; a file that cannot be read or parsed is bad input. */
    static String scenario(Path file, JsonNode patch) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException("scenario file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliException("cannot read scenario file " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        JsonNode document;
        try {
            document = (yaml ? Json.strictYaml() : Json.lenient()).readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException("scenario file " + file + " is not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + location(e));
        }
        if (document == null || !document.isObject()) {
            throw new CliException("scenario file " + file + " must hold one object (a scenario), not "
                    + (document == null
                            ? "nothing"
                            : document.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return (patch == null ? document : mergePatch(document, patch)).toString();
    }

    static JsonNode parsePatch(String patch) {
        try {
            JsonNode node = Json.lenient().readTree(patch);
            if (node == null || !node.isObject()) {
                throw new CliException("--patch must be a JSON object (a merge patch), got '" + patch + "'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CliException("--patch is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** RFC 7396: members replace, null removes, objects merge recursively, anything else replaces whole. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode merged = target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : Json.lenient().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                merged.remove(member.getKey());
            } else {
                merged.set(member.getKey(), mergePatch(merged.path(member.getKey()), member.getValue()));
            }
        }
        return merged;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
