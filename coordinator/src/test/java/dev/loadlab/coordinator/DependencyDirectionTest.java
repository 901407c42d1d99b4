package dev.loadlab.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's arrows point one way: {@code http -> runs (the engine) -> model <- db}. Reads every import of
 * the coordinator's main sources and fails naming each one that points back, so a new arrow the wrong way is caught
 * by the build, not by a reviewer.
 */
class DependencyDirectionTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/loadlab/coordinator");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.loadlab\\.coordinator\\.(\\w+)", Pattern.MULTILINE);

    /** One import of another coordinator package: which file, which package it lives in, which package it uses. */
    private record Arrow(Path file, String from, String to) {
        @Override
        public String toString() {
            return SOURCES.relativize(file) + " (" + from + ") imports " + to;
        }
    }

    @Test
    void theModelDependsOnNothingButThePureSearchAndSteadinessLogic() {
        assertThat(arrowsFrom("model"))
                .filteredOn(a -> !Set.of("search", "steady").contains(a.to()))
                .isEmpty();
    }

    @Test
    void theSteadinessLogicIsPure() {
        assertThat(arrowsFrom("steady")).isEmpty();
    }

    @Test
    void theSearchLogicIsPure() {
        assertThat(arrowsFrom("search")).isEmpty();
    }

    @Test
    void theStoreImplementsTheModelsPortsAndKnowsNothingElse() {
        assertThat(arrowsFrom("db"))
                .filteredOn(a -> !Set.of("model", "search", "steady").contains(a.to()))
                .isEmpty();
    }

    @Test
    void theEngineKnowsNeitherTheStoreNorTheRestApi() {
        assertThat(arrowsFrom("runs"))
                .filteredOn(a -> Set.of("db", "http").contains(a.to()))
                .isEmpty();
    }

    @Test
    void theRestApiGoesThroughTheEngineNeverToTheStore() {
        assertThat(arrowsFrom("http")).filteredOn(a -> a.to().equals("db")).isEmpty();
    }

    @Test
    void theScanSeesTheArrowsThatShouldExist() {
        // Guards the test itself: a scan that found nothing would pass every rule above.
        assertThat(arrowsFrom("runs")).anyMatch(a -> a.to().equals("model"));
        assertThat(arrowsFrom("db")).anyMatch(a -> a.to().equals("model"));
    }

    private static List<Arrow> arrowsFrom(String pkg) {
        Path dir = SOURCES.resolve(pkg);
        assertThat(dir).as("package folder " + pkg).isDirectory();
        List<Arrow> arrows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)
                            && !Character.isUpperCase(m.group(1).charAt(0))) {
                        arrows.add(new Arrow(file, pkg, m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrows;
    }
}
