package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RunVerdict;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import dev.loadlab.protocol.scenario.Slo;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run as JUnit XML ({@code testsuites} / {@code testsuite} / {@code testcase}), for CI servers: one testcase per step,
 * and per step one per rule of the scenario's SLO ({@code p99Ms}, {@code errorRate}, when set). A step's testcase has a
 * {@code failure} when its SLO verdict failed and is {@code skipped} when it was inconclusive (generator-bound or
 * unsteady figures) — skipped rather than a failure, so a CI server does not count doubt as a broken target; a step
 * without an SLO is skipped when the run's verdict names it inconclusive (failed, cancelled, degraded, ...). A rule's
 * testcase fails when its figure broke it and the step's verdict failed, and is skipped when the step's verdict is
 * inconclusive. The run's verdict, its reason, status and id are in the suite's {@code properties}. Text is escaped by
 * the JDK's XML writer; characters XML 1.0 cannot hold are replaced by U+FFFD. Stateless.
 */
public final class JunitExport {
    private JunitExport() {}

    /** One testcase: its name, the step's measured seconds, and a failure or skip (both null when it passed). */
    private record Case(String name, double seconds, String failure, String skipped) {}

    /** The JUnit XML of {@code run} (as the API shows it: SLO-judged, with its verdict). */
    public static String write(RunView run) {
        List<Case> cases = new ArrayList<>();
        Slo slo = run.scenario() == null ? null : run.scenario().slo();
        for (StepView step : run.steps()) {
            cases.add(stepCase(run.verdict(), step));
            if (slo != null) {
                cases.addAll(ruleCases(slo, step));
            }
        }
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        long skipped = cases.stream().filter(c -> c.skipped() != null).count();
        double seconds = cases.stream().mapToDouble(Case::seconds).sum();
        String suite = run.name() == null ? "run " + run.id() : run.name();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", clean("loadlab run " + run.id()));
            counts(xml, cases.size(), failures, skipped, seconds);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", clean(suite));
            counts(xml, cases.size(), failures, skipped, seconds);
            if (run.startedAt() != null) {
                xml.writeAttribute("timestamp", run.startedAt().toString());
            }
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> property : properties(run).entrySet()) {
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", property.getKey());
                xml.writeAttribute("value", clean(property.getValue()));
            }
            xml.writeEndElement();
            for (Case c : cases) {
                testcase(xml, suite, c);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write JUnit XML", e);
        }
        return out.toString();
    }

    private static Case stepCase(RunVerdict verdict, StepView step) {
        String name = stepName(step);
        if (step.slo() != null) {
            String reasons = String.join("; ", step.slo().reasons());
            return switch (step.slo().outcome()) {
                case FAILED -> new Case(name, step.measuredSeconds(), reasons, null);
                case INCONCLUSIVE -> new Case(name, step.measuredSeconds(), null, reasons);
                case PASSED -> new Case(name, step.measuredSeconds(), null, doubt(verdict, step));
            };
        }
        return new Case(name, step.measuredSeconds(), null, doubt(verdict, step));
    }

    /** Why the run's verdict calls this step inconclusive; null when it does not. */
    private static String doubt(RunVerdict verdict, StepView step) {
        if (verdict == null) {
            return null;
        }
        return verdict.steps().stream()
                .filter(f -> f.index() == step.index() && f.outcome() == Outcome.INCONCLUSIVE)
                .map(f -> String.join("; ", f.reasons()))
                .findFirst()
                .orElse(null);
    }

    private static List<Case> ruleCases(Slo slo, StepView step) {
        List<Case> cases = new ArrayList<>();
        Outcome outcome = step.slo() == null ? null : step.slo().outcome();
        if (slo.p99Ms() != null) {
            long p99 = step.latencyMs() == null ? 0 : step.latencyMs().p99();
            cases.add(rule(
                    stepName(step) + ": p99 <= " + slo.p99Ms() + " ms",
                    outcome,
                    step,
                    p99 > slo.p99Ms() ? "p99 " + p99 + " ms is above " + slo.p99Ms() + " ms" : null));
        }
        if (slo.errorRate() != null) {
            double rate = step.requests() == 0 ? 0 : (double) step.errors() / step.requests();
            cases.add(rule(
                    stepName(step) + ": error rate <= " + percent(slo.errorRate()),
                    outcome,
                    step,
                    rate > slo.errorRate()
                            ? "error rate " + percent(rate) + " is above " + percent(slo.errorRate())
                            : null));
        }
        return cases;
    }

    private static Case rule(String name, Outcome outcome, StepView step, String broken) {
        if (outcome == Outcome.INCONCLUSIVE) {
            return new Case(name, 0, null, String.join("; ", step.slo().reasons()));
        }
        return new Case(name, 0, outcome == Outcome.FAILED ? broken : null, null);
    }

    private static String stepName(StepView step) {
        StringBuilder name = new StringBuilder("step ").append(step.index());
        name.append(" (").append(step.profile() == null ? "target" : step.profile());
        if (step.workers() != null) {
            name.append(" W=").append(step.workers());
        }
        name.append(" repeat ").append(step.repeat()).append(')');
        return name.toString();
    }

    private static Map<String, String> properties(RunView run) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("loadlab.run.id", run.id());
        properties.put(
                "loadlab.run.status", run.status() == null ? "" : run.status().name());
        RunVerdict verdict = run.verdict();
        properties.put(
                "loadlab.run.verdict",
                verdict == null ? "" : verdict.outcome().name().toLowerCase(Locale.ROOT));
        properties.put("loadlab.run.verdict.reason", verdict == null ? "" : verdict.reason());
        return properties;
    }

    private static void counts(XMLStreamWriter xml, long tests, long failures, long skipped, double seconds)
            throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(skipped));
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    }

    private static void testcase(XMLStreamWriter xml, String suite, Case c) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(suite));
        xml.writeAttribute("name", clean(c.name()));
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", c.seconds()));
        if (c.failure() != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", "slo");
            xml.writeAttribute("message", clean(c.failure()));
            xml.writeCharacters(clean(c.failure()));
            xml.writeEndElement();
        } else if (c.skipped() != null) {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", clean("inconclusive: " + c.skipped()));
        }
        xml.writeEndElement();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    /** {@code text} with every character XML 1.0 cannot hold (most control characters) replaced by U+FFFD. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean legal = cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            out.appendCodePoint(legal ? cp : 0xFFFD);
        });
        return out.toString();
    }
}
