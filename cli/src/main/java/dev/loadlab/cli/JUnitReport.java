package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A finished run as a JUnit XML report, the format CI servers read: one {@code testsuite} for the run, one {@code
 * testcase} per step (named by index, profile, workers and repeat; its time the measured window), a {@code failure}
 * where the step broke the SLO, an {@code error} where the step itself failed. Built with the JDK's DOM, so every
 * value is escaped. Stateless.
 */
final class JUnitReport {
    private JUnitReport() {}

    static Document of(JsonNode run) {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML document builder", e);
        }
        String suiteName = "loadlab." + run.path("name").asText("run");
        Element suite = doc.createElement("testsuite");
        doc.appendChild(suite);
        suite.setAttribute("name", suiteName);
        suite.setAttribute("id", run.path("id").asText());
        int failures = 0;
        int errors = 0;
        double time = 0;
        for (JsonNode step : run.path("steps")) {
            Element testcase = doc.createElement("testcase");
            suite.appendChild(testcase);
            testcase.setAttribute("classname", suiteName);
            testcase.setAttribute("name", "step " + step.path("index").asInt() + RunReport.cell(step));
            double seconds = step.path("measuredSeconds").asDouble();
            time += seconds;
            testcase.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
            String status = step.path("status").asText("SUCCEEDED");
            if (!status.equals("SUCCEEDED")) {
                errors++;
                Element error = doc.createElement("error");
                error.setAttribute("type", status.toLowerCase(Locale.ROOT));
                error.setAttribute("message", step.path("failure").asText("step " + status));
                testcase.appendChild(error);
            } else if (step.path("slo").path("outcome").asText().equals("failed")) {
                failures++;
                Element failure = doc.createElement("failure");
                failure.setAttribute("type", "slo");
                failure.setAttribute("message", String.join("; ", sloReasons(step)));
                testcase.appendChild(failure);
            }
            Element out = doc.createElement("system-out");
            out.setTextContent(String.format(
                            Locale.ROOT,
                            "%.1f req/s, p50 %s ms, p99 %s ms, %d errors",
                            step.path("throughputRps").asDouble(),
                            step.path("latencyMs").path("p50").asText("-"),
                            step.path("latencyMs").path("p99").asText("-"),
                            step.path("errors").asLong())
                    + (RunReport.flags(step).isEmpty() ? "" : "; " + String.join(", ", RunReport.flags(step))));
            testcase.appendChild(out);
        }
        suite.setAttribute("tests", String.valueOf(run.path("steps").size()));
        suite.setAttribute("failures", String.valueOf(failures));
        suite.setAttribute("errors", String.valueOf(errors));
        suite.setAttribute("skipped", "0");
        suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", time));
        Element properties = doc.createElement("properties");
        suite.insertBefore(properties, suite.getFirstChild());
        property(doc, properties, "status", run.path("status").asText());
        property(doc, properties, "verdict", RunReport.outcome(run));
        property(doc, properties, "reason", run.path("verdict").path("reason").asText(""));
        return doc;
    }

    static void write(JsonNode run, Path file) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(of(run)), new StreamResult(file.toFile()));
        } catch (TransformerException e) {
            throw new CliException("cannot write the JUnit report " + file + ": " + e.getMessage());
        }
    }

    private static List<String> sloReasons(JsonNode step) {
        List<String> reasons = new ArrayList<>();
        step.path("slo").path("reasons").forEach(r -> reasons.add(r.asText()));
        return reasons.isEmpty() ? List.of("SLO failed") : reasons;
    }

    private static void property(Document doc, Element properties, String name, String value) {
        Element property = doc.createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", value);
        properties.appendChild(property);
    }
}
