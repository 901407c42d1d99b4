package dev.loadlab.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.RunView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitExportTest {
    @Test
    void oneTestcasePerStepAndSloRuleFailedWhereTheSloFailedSkippedWhereInconclusive() throws Exception {
        RunView run = ExportFixtures.run();

        Document doc = parse(JunitExport.write(run));

        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("export <&\"> test");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(9);
        assertThat(suite.getAttribute("tests")).isEqualTo("9");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("3");
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(suite.getElementsByTagName("skipped").getLength()).isEqualTo(3);
        Map<String, Element> byName = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            byName.put(c.getAttribute("name"), c);
        }
        assertThat(byName.get("step 0 (threaded W=1 repeat 0)").getChildNodes().getLength())
                .isZero();
        assertThat(byName.get("step 1 (threaded W=2 repeat 0)")
                        .getElementsByTagName("failure")
                        .getLength())
                .isOne();
        assertThat(byName.get("step 1 (threaded W=2 repeat 0): p99 <= 100 ms")
                        .getElementsByTagName("failure")
                        .item(0)
                        .getTextContent())
                .contains("p99 150 ms");
        assertThat(byName.get("step 1 (threaded W=2 repeat 0): error rate <= 1.00%")
                        .getChildNodes()
                        .getLength())
                .isZero();
        Element skipped = (Element) byName.get("step 2 (threaded W=3 repeat 0)")
                .getElementsByTagName("skipped")
                .item(0);
        assertThat(skipped.getAttribute("message")).startsWith("inconclusive: ").contains("generator");
        assertThat(properties(suite))
                .containsEntry("loadlab.run.id", "run-1")
                .containsEntry("loadlab.run.status", "SUCCEEDED")
                .containsEntry("loadlab.run.verdict", "failed")
                .containsEntry("loadlab.run.verdict.reason", run.verdict().reason());
    }

    @Test
    void charactersXmlCannotHoldAreReplacedNotWritten() {
        assertThat(JunitExport.clean("a\u0000b\u001bc\td")).isEqualTo("a\uFFFDb\uFFFDc\td");
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> properties(Element suite) {
        Map<String, String> properties = new HashMap<>();
        NodeList nodes = suite.getElementsByTagName("property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element p = (Element) nodes.item(i);
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return properties;
    }
}
