package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {
    @TempDir
    Path dir;

    @Test
    void hasTheFiveBuiltInProfiles() {
        assertThat(ProfileCatalog.builtIn().names())
                .containsExactly("multi-process", "threaded-gil", "threaded", "async", "green");
        assertThat(ProfileCatalog.builtIn().all())
                .allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    @Test
    void addsCommandProfilesFromTheFile() throws Exception {
        Path file = dir.resolve("profiles.properties");
        Files.writeString(file, """
                profile.gunicorn.command=gunicorn -w {workers} -b 127.0.0.1:{port} app:app
                profile.gunicorn.readiness=/health
                profile.gunicorn.description=Gunicorn sync
                """);
        ProfileCatalog catalog = ProfileCatalog.withFile(file);
        assertThat(catalog.find("gunicorn"))
                .contains(new Profile.Command(
                        "gunicorn",
                        "Gunicorn sync",
                        "gunicorn -w {workers} -b 127.0.0.1:{port} app:app",
                        "/health",
                        Profile.Command.CORES_PER_WORKER));
        assertThat(catalog.names()).hasSize(6);
        assertThat(catalog.find("gunicorn").orElseThrow().capacityCores(4, 2)).isEqualTo(2.0);
        assertThat(catalog.find("threaded-gil").orElseThrow().capacityCores(8, 2))
                .isEqualTo(1.0);
        assertThat(catalog.find("threaded").orElseThrow().capacityCores(1, 2)).isEqualTo(1.0);
    }

    @Test
    void brokenEntriesNameTheKey() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "profile.x.command=python3 app.py\n");
        assertThatThrownBy(() -> ProfileCatalog.withFile(file))
                .hasMessageContaining("profile.x.command is required and must contain {port}");
        Files.writeString(file, "profile.async.command=x {port}\n");
        assertThatThrownBy(() -> ProfileCatalog.withFile(file)).hasMessageContaining("would replace a built-in");
        Files.writeString(file, "profile.y.command=x {port}\nprofile.y.cores=half\n");
        assertThatThrownBy(() -> ProfileCatalog.withFile(file))
                .hasMessageContaining("profile.y.cores must be 'workers' or a whole number 1..999, was 'half'");
        Files.writeString(file, "oops=1\n");
        assertThatThrownBy(() -> ProfileCatalog.withFile(file)).hasMessageContaining("key 'oops'");
    }
}
