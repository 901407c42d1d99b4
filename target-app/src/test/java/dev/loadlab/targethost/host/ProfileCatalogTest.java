package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.targethost.work.CpuCalibration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                        Profile.Command.CORES_PER_WORKER,
                        dir.toAbsolutePath().normalize()));
        assertThat(catalog.names()).hasSize(6);
        assertThat(catalog.find("gunicorn").orElseThrow().capacityCores(4, 2)).isEqualTo(2.0);
        assertThat(catalog.find("threaded-gil").orElseThrow().capacityCores(8, 2))
                .isEqualTo(1.0);
        assertThat(catalog.find("threaded").orElseThrow().capacityCores(1, 2)).isEqualTo(1.0);
    }

    @Test
    void appStandsForTheProfilesFilesDirectoryAsOneArgumentEvenWithASpace() throws Exception {
        Path home = Files.createDirectories(dir.resolve("my apps"));
        Path file = home.resolve("profiles.properties");
        Files.writeString(file, """
                profile.py.command=/usr/bin/python3 -m gunicorn -w {workers} -b 127.0.0.1:{port} --chdir {app} app:app
                profile.py.cores=1
                """);
        Profile.Command py =
                (Profile.Command) ProfileCatalog.withFile(file).find("py").orElseThrow();
        assertThat(py.appDirectory()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(py.capacityCores(8, 2)).isEqualTo(1.0);

        List<List<String>> commands =
                LaunchCommands.of(py, 3, "127.0.0.1", 8123, new CpuCalibration(1000, "test"), dir);
        assertThat(commands).hasSize(1);
        List<String> command = commands.getFirst();
        assertThat(command.subList(command.indexOf("-m"), command.size()))
                .containsExactly(
                        "-m",
                        "gunicorn",
                        "-w",
                        "3",
                        "-b",
                        "127.0.0.1:8123",
                        "--chdir",
                        home.toAbsolutePath().normalize().toString(),
                        "app:app");
    }

    @Test
    void thePythonProfilesFileReadsAsTheFourRealServers() throws Exception {
        ProfileCatalog catalog = ProfileCatalog.withFile(Path.of("python", "profiles.properties"));
        assertThat(catalog.names())
                .contains("gunicorn-sync", "gunicorn-gthread", "uvicorn", "gevent")
                .hasSize(9);
        assertThat(catalog.find("gunicorn-gthread").orElseThrow().capacityCores(8, 2))
                .as("one process under the GIL")
                .isEqualTo(1.0);
        assertThat(catalog.find("uvicorn").orElseThrow().capacityCores(8, 2)).isEqualTo(2.0);
        assertThat(catalog.all())
                .filteredOn(Profile.Command.class::isInstance)
                .map(Profile.Command.class::cast)
                .allSatisfy(command -> {
                    assertThat(command.command())
                            .startsWith("/usr/bin/python3 -B -m ")
                            .contains("{app}", "{workers}");
                    assertThat(command.readinessPath()).isEqualTo("/health");
                });
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
