package org.lessonloop.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    /** In text or JSON logs (which write a slash as "\/"). */
    private static final Pattern STARTED = Pattern.compile("Lessonloop (?:listening on http:(?:\\\\?/){2}[^:]+:(\\d+)|worker started)");

    private final Process process;
    private final int port;
    private final List<String> log = new ArrayList<>();
    private final Thread reader;

    public ServerProcess(Map<String, String> env, String maxHeap) throws IOException, InterruptedException {
        process = launch(env, maxHeap);
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        reader = Thread.ofVirtual().start(() -> {
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
            // Generous: on two cores shared with other test JVMs, a start of over two minutes was seen.
            port = ready.get(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not start:\n" + log(), e);
        }
    }

    /**
     * What a run of {@code Main} that ends by itself printed, and its exit status: a server that
     * cannot start, or {@code args} such as {@code admin check-storage}. Fails if it has not exited within {@code limit}.
     */
    public record Exit(int status, String log) {
    }

    public static Exit runUntilExit(Map<String, String> env, Duration limit, String... args) throws IOException, InterruptedException {
        Process process = launch(env, "256m", args);
        process.getOutputStream().close();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("The server was still running after " + limit + ":\n"
                    + new String(output.join(), StandardCharsets.UTF_8));
        }
        return new Exit(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
    }

    private static Process launch(Map<String, String> env, String maxHeap, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                "org.lessonloop.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LESSONLOOP_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The process id, to read its CPU time and memory (bench/debrief). */
    public long pid() {
        return process.pid();
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
        reader.join(java.time.Duration.ofSeconds(5)); // the last lines, for log()
    }

    @Override
    public void close() throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close our end of its output, losing the shutdown's lines.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
        reader.join(java.time.Duration.ofSeconds(5)); // the last lines, for log()
    }
}
