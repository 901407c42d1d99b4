package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where the requests of a workload are ({@code $.workload.requests[0]}, {@code $.workload.flows[1].once[0]}, ...) and
 * where their template texts are, with whether a secret may appear there. Tolerates a scenario that is not valid yet
 * (null lists and elements are skipped), so validation and {@link ScenarioReferencesScan} share it. Stateless.
 */
final class RequestSites {
    private RequestSites() {}

    /** One request of the workload and its JSON path. */
    record Site(String path, RequestSpec request) {}

    /** One text that is a {@link Template}: its JSON path, the text, and whether {@code ${secret:X}} may appear. */
    record TextUse(String field, String text, boolean secretsAllowed) {}

    static List<Site> of(Workload workload) {
        List<Site> sites = new ArrayList<>();
        if (workload == null) {
            return sites;
        }
        add(sites, "$.workload.requests", workload.requests());
        List<Flow> flows = workload.flows();
        if (flows != null) {
            for (int i = 0; i < flows.size(); i++) {
                Flow flow = flows.get(i);
                if (flow != null) {
                    add(sites, "$.workload.flows[" + i + "].once", flow.once());
                    add(sites, "$.workload.flows[" + i + "].steps", flow.steps());
                }
            }
        }
        return sites;
    }

    private static void add(List<Site> sites, String field, List<RequestSpec> requests) {
        if (requests == null) {
            return;
        }
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) != null) {
                sites.add(new Site(Paths.index(field, i), requests.get(i)));
            }
        }
    }

    /** Every template text of one request: path, header values, body strings, {@code equals} strings of checks. */
    static List<TextUse> texts(Site site) {
        String at = site.path();
        RequestSpec request = site.request();
        List<TextUse> uses = new ArrayList<>();
        if (request.path() != null) {
            uses.add(new TextUse(at + ".path", request.path(), false));
        }
        if (request.headers() != null) {
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                if (header.getKey() != null && header.getValue() != null) {
                    uses.add(new TextUse(Paths.member(at + ".headers", header.getKey()), header.getValue(), true));
                }
            }
        }
        strings(at + ".body", request.body(), true, uses);
        if (request.checks() != null) {
            for (int i = 0; i < request.checks().size(); i++) {
                Check check = request.checks().get(i);
                if (check != null) {
                    strings(at + ".checks[" + i + "].equals", check.equals(), false, uses);
                }
            }
        }
        return uses;
    }

    /** The string values inside a JSON value (itself, when it is a string), each with its own path. */
    private static void strings(String field, JsonNode node, boolean secretsAllowed, List<TextUse> uses) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            uses.add(new TextUse(field, node.textValue(), secretsAllowed));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(Paths.index(field, i), node.get(i), secretsAllowed, uses);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> members = node.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                strings(Paths.member(field, member.getKey()), member.getValue(), secretsAllowed, uses);
            }
        }
    }
}
