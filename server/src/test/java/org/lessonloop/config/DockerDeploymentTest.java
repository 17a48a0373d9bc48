package org.lessonloop.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Containers;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml and docker/Dockerfile read as files, checked against what the server accepts.
 * There is no Docker engine on the build machines, so this is what holds them to the code.
 */
class DockerDeploymentTest {
    private static final Path REPO = repositoryRoot();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([?-])([^}]*))?}");

    private final Map<String, String> exampleEnv = envFile(REPO.resolve("docker/.env.example"));
    private final Map<String, Object> compose = compose(exampleEnv);
    private final String dockerfile = read(REPO.resolve("docker/Dockerfile"));

    @Test
    void theWebAndWorkerNodesEnvironmentsAreConfigurationsTheServerAccepts() {
        LessonloopConfig web = LessonloopConfig.from(nodeEnvironment("web"));
        LessonloopConfig worker = LessonloopConfig.from(nodeEnvironment("worker"));

        assertAll(
                () -> assertEquals(Role.WEB, web.role()),
                () -> assertEquals(Role.WORKER, worker.role()),
                () -> assertEquals("0.0.0.0", web.httpHost(), "the image must listen beyond its own loopback"),
                () -> assertEquals("jdbc:postgresql://postgres:5432/lessonloop", web.database().orElseThrow().jdbcUrl()),
                () -> assertEquals(exampleEnv.get("S3_ACCESS_KEY"), web.s3().orElseThrow().accessKey()),
                () -> assertEquals(web.s3(), worker.s3()),
                () -> assertEquals(web.database(), worker.database()),
                () -> assertTrue(web.bootstrapAdmin().isPresent()));
    }

    @Test
    void theExampleEnvFileSetsEveryVariableTheComposeFileRequires() {
        var required = new TreeSet<String>();
        Matcher m = INTERPOLATION.matcher(read(REPO.resolve("docker/compose.yaml")));
        while (m.find()) {
            if ("?".equals(m.group(2))) {
                required.add(m.group(1));
            }
        }
        assertFalse(required.isEmpty());
        required.removeAll(exampleEnv.keySet());
        assertEquals(new TreeSet<String>(), required);
    }

    @Test
    void theStackIsPostgres17MinioABucketStepAWebAndAWorkerNodeOnNamedVolumes() {
        Map<String, Object> services = map(compose.get("services"));
        assertEquals(List.of("postgres", "minio", "minio-init", "web", "worker"), List.copyOf(services.keySet()));
        assertEquals(Containers.POSTGRES_IMAGE, map(services.get("postgres")).get("image"), "the image the container tests run");
        assertEquals(Containers.MINIO_IMAGE, map(services.get("minio")).get("image"), "the image the container tests run");

        var declared = map(compose.get("volumes")).keySet();
        services.forEach((name, service) -> {
            for (Object volume : list(map(service).getOrDefault("volumes", List.of()))) {
                String source = string(volume).split(":")[0];
                assertTrue(declared.contains(source), name + " mounts " + source + ", which is no named volume");
            }
        });
        for (String node : List.of("web", "worker")) {
            var dependsOn = map(map(services.get(node)).get("depends_on"));
            assertEquals("service_completed_successfully", map(dependsOn.get("minio-init")).get("condition"), node);
            assertEquals("service_healthy", map(dependsOn.get("postgres")).get("condition"), node);
        }
    }

    @Test
    void theBucketStepMakesTheBucketTheNodesUse() {
        String bucket = LessonloopConfig.from(nodeEnvironment("web")).s3().orElseThrow().bucket();
        String script = String.join("\n", list(map(map(compose.get("services")).get("minio-init")).get("command")).stream()
                .map(DockerDeploymentTest::string).toList());

        assertTrue(script.contains("mc mb --ignore-existing school/" + bucket + "\n"), script);
    }

    @Test
    void theWorkersKeepTheImagesHealthCheckSinceTheyServeHealthToo() {
        var healthcheck = map(map(map(compose.get("services")).get("worker")).getOrDefault("healthcheck", Map.of()));

        assertFalse(Boolean.TRUE.equals(healthcheck.get("disable")), "a worker answers /health/ready (ffmpeg, database, storage)");
    }

    @Test
    void theImageIsBuiltWithTheLaunchersMavenCommand() {
        String launcher = read(REPO.resolve("lessonloop"));

        String build = mavenCommand(dockerfile);
        assertEquals(mavenCommand(launcher), build);
        assertTrue(build.contains(" package"), build);
    }

    @Test
    void theImageRunsUnprivilegedWithTheFfmpegLibrariesAndAReadinessCheck() {
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

        assertAll(
                () -> assertTrue(runtime.startsWith("\nFROM eclipse-temurin:21-jre"), runtime.lines().skip(1).findFirst().orElse("")),
                () -> assertTrue(runtime.matches("(?s).*\\nUSER (?!root\\b)\\w+.*"), "no unprivileged USER"),
                () -> assertTrue(runtime.matches("(?s).*\\nHEALTHCHECK .*/health/ready.*"), "no readiness HEALTHCHECK"),
                () -> assertTrue(List.of("libpulse0", "libasound2t64", "libxcb1", "libxcb-shm0", "libudev1").stream()
                        .allMatch(runtime::contains), "FFmpeg's system libraries"),
                () -> assertNotEquals(-1, runtime.indexOf("COPY --from=build /src/server/target/lessonloop.jar")));
    }

    /** Dockerfile ENV, then the service's environment from compose.yaml: what the server process sees. */
    private Map<String, String> nodeEnvironment(String service) {
        Map<String, String> env = new HashMap<>(dockerfileEnv(dockerfile));
        map(map(map(compose.get("services")).get(service)).get("environment"))
                .forEach((name, value) -> env.put(name, string(value)));
        return env;
    }

    private static String mavenCommand(String script) {
        Matcher m = Pattern.compile("(?m)^\\s*(mvn [^\\n\\\\]+)$").matcher(script);
        assertTrue(m.find(), "no mvn command line");
        return m.group(1).strip();
    }

    private static Map<String, String> dockerfileEnv(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^ENV ((?:.*\\\\\\n)*.*)$").matcher(dockerfile);
        while (m.find()) {
            for (String pair : m.group(1).replace("\\\n", " ").trim().split("\\s+")) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0], kv[1]);
            }
        }
        return env;
    }

    /** compose.yaml with ${NAME}, ${NAME:-default} and ${NAME:?error} filled in from {@code env}, as compose does. */
    private static Map<String, Object> compose(Map<String, String> env) {
        String text = read(REPO.resolve("docker/compose.yaml"));
        StringBuilder out = new StringBuilder();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                assertNotEquals("?", m.group(2), "compose would stop: " + m.group(3));
                value = m.group(2) == null ? "" : m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Yaml().load(out.toString().replace("$$", "$"));
    }

    private static Map<String, String> envFile(Path file) {
        return read(file).lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, LinkedHashMap::new));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker/compose.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker/compose.yaml not found above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    private static List<?> list(Object yaml) {
        return (List<?>) yaml;
    }

    private static String string(Object yaml) {
        return String.valueOf(yaml);
    }
}
