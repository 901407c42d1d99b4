package dev.loadlab.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.result.LatencyMs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlExportTest {
    private static final String HOSTILE_NAME = "</script><script>alert(1)</script><!-- x </SCRIPT";
    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style([^>]*)>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^>]*)?)>");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("([a-zA-Z:-]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

    @Test
    void theEmbeddedRunCannotEndItsScriptElementAndReadsBackAsTheApisJson() {
        RunView run = renamed(ExportFixtures.run(), HOSTILE_NAME);
        SortedMap<Integer, List<TimelinePoint>> timelines = timelines(run);

        String html = HtmlExport.write(run, timelines);

        List<String[]> scripts = elements(SCRIPT, html);
        String[] data = scripts.stream()
                .filter(s -> s[0].contains("type=\"application/json\""))
                .findFirst()
                .orElseThrow();
        assertThat(data[0]).contains("id=\"" + HtmlExport.DATA_ID + "\"");
        assertThat(data[1]).doesNotContain("</").doesNotContain("<!--").doesNotContain("<");
        JsonNode embedded = Json.read(data[1], JsonNode.class);
        JsonNode api = Json.read(Json.write(run), JsonNode.class);
        assertThat(embedded.get("run")).isEqualTo(api);
        assertThat(embedded.get("run").get("name").asText()).isEqualTo(HOSTILE_NAME);
        assertThat(embedded.get("timelines").get("1").size()).isEqualTo(4);
        assertThat(embedded.get("timelines").get("1").get(0).get("warmup").asBoolean())
                .isTrue();
        // Three scripts in all (the data, uPlot, the charts); the hostile name made none, and is text in the title.
        assertThat(scripts).hasSize(3);
        assertThat(html).contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- x &lt;/SCRIPT");
        assertThat(Markup.scriptJson("{\"a\":\"</b>&\u2028\"}"))
                .isEqualTo("{\"a\":\"\\u003c/b\\u003e\\u0026\\u2028\"}");
    }

    @Test
    void theContentSecurityPolicyAllowsExactlyTheInlineScriptsAndStyleAndNothingFromAnywhere() {
        String html = HtmlExport.write(ExportFixtures.run(), timelines(ExportFixtures.run()));

        Matcher meta = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")
                .matcher(html);
        assertThat(meta.find()).as("the CSP meta element").isTrue();
        assertThat(html.indexOf(meta.group())).isLessThan(html.indexOf("<style"));
        String policy = meta.group(1).replace("&#39;", "'");
        assertThat(policy).startsWith("default-src 'none'; ").contains("img-src data:", "base-uri 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        List<String> executable = elements(SCRIPT, html).stream()
                .filter(s -> !s[0].contains("application/json"))
                .map(s -> s[1])
                .toList();
        assertThat(executable).hasSize(2);
        String scriptSources = directive(policy, "script-src");
        assertThat(scriptSources.split(" "))
                .containsExactlyInAnyOrder(
                        executable.stream().map(Markup::cspHash).toArray(String[]::new));
        List<String[]> styles = elements(STYLE, html);
        assertThat(styles).hasSize(1);
        assertThat(directive(policy, "style-src")).isEqualTo(Markup.cspHash(styles.get(0)[1]));
    }

    @Test
    void noElementLoadsAnythingAndUplotIsInlinedUnchangedWithItsLicence() throws IOException {
        String html = HtmlExport.write(ExportFixtures.run(), timelines(ExportFixtures.run()));

        // Text inside scripts and styles (uPlot's banner names its home page) is not markup: leave it out.
        String markup =
                STYLE.matcher(SCRIPT.matcher(html).replaceAll("<script>")).replaceAll("<style>");
        Matcher tag = TAG.matcher(markup);
        int tags = 0;
        while (tag.find()) {
            tags++;
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase();
                String value = value(attribute);
                assertThat(name)
                        .as("<%s %s>", tag.group(1), tag.group(2))
                        .isNotIn("src", "href", "srcset", "action", "formaction", "poster", "data", "xlink:href");
                assertThat(value.toLowerCase())
                        .as("<%s %s=...>", tag.group(1), name)
                        .doesNotContain("http://", "https://", "//");
            }
        }
        assertThat(tags).isGreaterThan(100);
        assertThat(markup).doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("<iframe");
        String style = elements(STYLE, html).get(0)[1];
        assertThat(style).doesNotContain("@import").doesNotContain("url(");
        String uplot = resource("dev/loadlab/coordinator/dashboard/uplot/uPlot.iife.min.js");
        String uplotScript = elements(SCRIPT, html).get(1)[1];
        assertThat(uplotScript).endsWith(uplot).startsWith("/*");
        assertThat(uplotScript.substring(0, uplotScript.length() - uplot.length()))
                .contains("The MIT License (MIT)", "Copyright (c) 2022 Leon Sorokin", "Permission is hereby granted")
                .endsWith("*/\n");
        assertThat(style).contains(resource("dev/loadlab/coordinator/dashboard/uplot/uPlot.min.css"));
    }

    @Test
    void theTablesCarryEveryStepWithUnitsFlagsAndTheVerdictWithoutAScript() {
        RunView run = ExportFixtures.run();
        String html = HtmlExport.write(run, timelines(run));

        assertThat(html).contains("data-verdict=\"failed\"", "<strong class=\"verdict-failed\">failed</strong>");
        assertThat(html).contains(Markup.escape(run.verdict().reason()));
        for (int i = 0; i < 3; i++) {
            assertThat(html).contains("<tr id=\"step-" + i + "\" data-step=\"" + i + "\">");
            assertThat(html).contains("<section id=\"timeline-" + i + "\"");
            assertThat(html).contains("data-chart=\"timeline\" data-key=\"throughput\" data-step=\"" + i + "\"");
        }
        assertThat(html).contains("data-flag=\"generator-bound\"", "agent-cpu: 95% of 2 cores");
        assertThat(html).contains("Throughput req/s", "p99 ms", "Measured s", "Target cores");
        assertThat(html).contains("title=\"" + Markup.escape(RunView.MEASUREMENT.get("latencyMs")) + "\"");
        assertThat(html).contains("<dt>latencyMs</dt>");
        // The swept workers give the scaling charts, one figure per figure shown, with their table.
        assertThat(html).contains("data-chart=\"series\" data-key=\"throughputRps\"", "data-key=\"p99Ms\"");
        assertThat(html).contains("<table class=\"series\">");
        assertThat(html).doesNotContain("id=\"no-sweep\"");
        // The hostile request name is text, escaped, in the per-request table.
        assertThat(html).contains(Markup.escape(ExportFixtures.HOSTILE)).doesNotContain(ExportFixtures.HOSTILE);
        assertThat(html).contains("export &lt;&amp;&quot;&gt; test");
        assertThat(html).contains("p99 ≤ 100 ms and errors ≤ 1.00%", "closed model, 4 users, warm-up 1s, measured 10s");
    }

    @Test
    void attributeAndTextEscapingCoverEveryMarkupCharacter() {
        assertThat(Markup.escape("<a href='x'>\"&\"</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assertThat(new Markup()
                        .open("p", "title", "a\"b", "hidden", null)
                        .text("<")
                        .close("p")
                        .toString())
                .isEqualTo("<p title=\"a&quot;b\">&lt;</p>");
    }

    private static String value(Matcher attribute) {
        for (int group = 2; group <= 4; group++) {
            if (attribute.group(group) != null) {
                return attribute.group(group);
            }
        }
        return "";
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            String trimmed = directive.strip();
            if (trimmed.startsWith(name + " ")) {
                return trimmed.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + policy);
    }

    /** Each match as {attributes, body}. */
    private static List<String[]> elements(Pattern pattern, String html) {
        List<String[]> found = new ArrayList<>();
        Matcher m = pattern.matcher(html);
        while (m.find()) {
            found.add(new String[] {m.group(1), m.group(2)});
        }
        return found;
    }

    private static SortedMap<Integer, List<TimelinePoint>> timelines(RunView run) {
        SortedMap<Integer, List<TimelinePoint>> timelines = new TreeMap<>();
        run.steps().forEach(step -> {
            List<TimelinePoint> seconds = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                seconds.add(new TimelinePoint(
                        s,
                        s == 0,
                        100 + s,
                        s % 2,
                        Map.of(),
                        new LatencyMs(10, 20, 30 + s, 30 + s, 40, 12.0),
                        Map.of(),
                        Map.of(),
                        false,
                        null));
            }
            timelines.put(step.index(), seconds);
        });
        return timelines;
    }

    private static RunView renamed(RunView run, String name) {
        return new RunView(
                run.id(),
                name,
                run.scenarioVersion(),
                run.labels(),
                run.status(),
                run.submittedAt(),
                run.startedAt(),
                run.finishedAt(),
                run.failure(),
                run.verdict(),
                run.scenario(),
                run.steps(),
                run.series(),
                run.queueReason(),
                run.progress(),
                run.measurement());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlExportTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
