package dev.loadlab.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire shape of every cluster message and every control-API body with a golden file under {@code
 * src/test/resources/golden/}: {@code message/*.json} for the cluster messages, {@code control/*.json} for the control
 * API, each made from a fixed example in {@link GoldenExamples}. For each example the test (1) encodes it and compares
 * the result with its file as JSON trees (whitespace and key order do not matter), and (2) decodes the file and expects
 * the example back. {@code golden/PROTOCOL_VERSION} and {@code golden/CONTROL_API_VERSION} record the version the
 * files were made for: a shape that differs while the version constant still equals the recorded one fails with "…
 * changed shape: bump … and regenerate the golden files", and a bumped constant fails until the files are regenerated.
 *
 * <p>To regenerate after a deliberate change (bump the version first), run from the repository root:
 *
 * <pre>mvn -o -pl protocol test -Dtest=GoldenFilesTest -Dgolden.write=true</pre>
 *
 * which writes every file (and the version files) from the examples instead of comparing; review the diff and commit
 * it. Surefire runs tests in the module directory, so the files land in {@code protocol/src/test/resources/golden/}.
 */
class GoldenFilesTest {
    private static final boolean WRITE = Boolean.getBoolean("golden.write");
    private static final Path SOURCE = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper MAPPER = Json.lenient();
    private static final String REGENERATE =
            "regenerate the golden files: mvn -o -pl protocol test -Dtest=GoldenFilesTest -Dgolden.write=true";

    static Stream<Arguments> examples() {
        return GoldenExamples.families().stream()
                .flatMap(family -> family.examples().stream().map(example -> Arguments.of(family, example)));
    }

    static Stream<GoldenExamples.Family> families() {
        return GoldenExamples.families().stream();
    }

    @ParameterizedTest(name = "{0} version")
    @MethodSource("families")
    void theGoldenFilesWereMadeForTheCurrentVersion(GoldenExamples.Family family) throws IOException {
        if (WRITE) {
            write(family.versionFile(), family.current() + "\n");
            return;
        }
        int recorded = Integer.parseInt(read(family.versionFile()).strip());
        assertThat(family.current())
                .as(
                        "%s is %d but the golden files were made for %d: %s",
                        family.constant(), family.current(), recorded, REGENERATE)
                .isEqualTo(recorded);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("examples")
    void encodingTheExampleGivesTheGoldenFile(GoldenExamples.Family family, GoldenExamples.Example example)
            throws IOException {
        String encoded = example.encode().apply(example.example());
        JsonNode actual = MAPPER.readTree(encoded);
        if (WRITE) {
            write(example.file(), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            return;
        }
        JsonNode expected = MAPPER.readTree(read(example.file()));
        if (!expected.equals(actual)) {
            int recorded = Integer.parseInt(read(family.versionFile()).strip());
            String advice = family.current() == recorded
                    ? "bump " + family.constant() + " and " + REGENERATE
                    : family.constant() + " is already bumped; " + REGENERATE;
            fail(
                    "%s %s changed shape: %s%n golden: %s%n now:    %s",
                    family.name(), example.file(), advice, expected, actual);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("examples")
    void decodingTheGoldenFileGivesTheExample(GoldenExamples.Family family, GoldenExamples.Example example) {
        Assumptions.assumeFalse(WRITE, "writing the golden files, not reading them");
        Object decoded = example.decode().apply(read(example.file()));
        assertThat(decoded)
                .as("%s %s decoded from its golden file", family.name(), example.file())
                .isEqualTo(example.example());
    }

    private static String read(String file) {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new AssertionError("golden/" + file + " is missing: " + REGENERATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String file, String content) throws IOException {
        Path path = SOURCE.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
