package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A run as one self-contained HTML file: the run, its scenario and verdict ({@link RunFacts}), the scaling charts,
 * the steps table ({@link StepsTable}) and each step's per-second timeline ({@link ChartSections}). Tables and text
 * are written here, so the page reads without a script; the charts are drawn in the browser by uPlot and {@code
 * report.js}, both inlined, from the run as the API shows it and the steps' timelines, embedded as JSON in a {@code
 * <script type="application/json" id="loadlab-run">} element (escaped so that no name can end it). Nothing is fetched
 * from anywhere: the page's Content-Security-Policy allows no source but its own inline scripts and style, each by its
 * SHA-256, and {@code data:} images. Stateless.
 */
public final class HtmlExport {
    /** The id of the element holding the embedded run: {@code {"run": RunView, "timelines": {"0": [second, ...]}}}. */
    public static final String DATA_ID = "loadlab-run";

    private HtmlExport() {}

    /** The page of {@code run} (as the API shows it, judged) with {@code timelines} (step index to its seconds). */
    public static String write(RunView run, SortedMap<Integer, List<TimelinePoint>> timelines) {
        ReportAssets assets = ReportAssets.get();
        String style = assets.uplotStyle() + "\n" + assets.style();
        String data = Markup.scriptJson(Json.write(data(run, timelines)));
        Markup html = new Markup();
        html.raw("<!DOCTYPE html>\n").open("html", "lang", "en").open("head");
        html.open("meta", "charset", "utf-8");
        html.open(
                "meta",
                "http-equiv",
                "Content-Security-Policy",
                "content",
                policy(assets.uplotScript(), assets.chartScript(), style));
        html.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        html.open("meta", "name", "generator", "content", "LoadLab");
        html.element("title", RunFacts.title(run) + " · LoadLab run " + run.id());
        html.inline("style", style);
        html.close("head").open("body", "data-run", run.id()).open("main");
        RunFacts.write(html, run);
        ChartSections.scaling(html, run);
        StepsTable.write(html, run);
        ChartSections.timelines(html, run, timelines);
        html.close("main");
        html.inline("script", data, "type", "application/json", "id", DATA_ID);
        html.inline("script", assets.uplotScript());
        html.inline("script", assets.chartScript());
        html.close("body").close("html").raw("\n");
        return html.toString();
    }

    /**
     * No source at all but these inline scripts and this style (by hash, so no other inline script runs even if one
     * were ever injected) and {@code data:} images; no base URL to change, no form to send.
     */
    static String policy(String uplotScript, String chartScript, String style) {
        return "default-src 'none'; script-src " + Markup.cspHash(uplotScript) + " " + Markup.cspHash(chartScript)
                + "; style-src " + Markup.cspHash(style) + "; img-src data:; base-uri 'none'; form-action 'none'";
    }

    private static Map<String, Object> data(RunView run, SortedMap<Integer, List<TimelinePoint>> timelines) {
        Map<String, List<TimelinePoint>> seconds = new LinkedHashMap<>();
        timelines.forEach((index, points) -> seconds.put(Integer.toString(index), points));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", run);
        data.put("timelines", seconds);
        return data;
    }
}
