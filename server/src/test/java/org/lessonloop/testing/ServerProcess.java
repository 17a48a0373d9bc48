package org.lessonloop.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own, so a test can cap its heap and kill it with SIGKILL, or run it as
 * another node (LESSONLOOP_ROLE web or worker) beside one in the test's JVM.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("Lessonloop (?:listening on http://[^:]+:(\\d+)|worker started)");

    private final Process process;
    private final int port;
    private final List<String> log = new ArrayList<>();

    public ServerProcess(Map<String, String> env, String maxHeap) throws IOException, InterruptedException {
        process = main(env, maxHeap, List.of()).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (log) {
                        log.add(line);
                    }
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1) == null ? -1 : Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
            ready.completeExceptionally(new IllegalStateException("The server exited before it listened:\n" + log()));
        });
        try {
            port = ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not start:\n" + log(), e);
        }
    }

    /** What a run of {@code Main} to its end printed (standard output and error), and its exit code. */
    public record Finished(int exitCode, String output) {
    }

    /** Runs {@code Main} with these arguments (say, {@code admin check-storage}) in a JVM of its own, to its end. */
    public static Finished run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process process = main(env, "256m", List.of(args)).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Main " + String.join(" ", args) + " did not end:\n" + output);
        }
        return new Finished(process.exitValue(), output);
    }

    private static ProcessBuilder main(Map<String, String> env, String maxHeap, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                "org.lessonloop.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LESSONLOOP_"));
        builder.environment().putAll(env);
        return builder;
    }

    /** The HTTP port, or -1 for a worker. */
    public int port() {
        return port;
    }

    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
