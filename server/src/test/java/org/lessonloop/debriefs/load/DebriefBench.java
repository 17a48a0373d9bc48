package org.lessonloop.debriefs.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.LoopbackCluster;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;

/**
 * bench/debrief (DESIGN.md §7: debrief fan-out p99 < 50 ms with 500 WebSocket clients in 250 rooms
 * on one node, < 100 ms across two). Two runs over one PostgreSQL and one S3 server: a lone web node
 * with both seats of every room on it; then two clustered web nodes with each room's seats split
 * between them (half the rooms driven from each node). Server CPU and memory are read from /proc
 * and the JVM's own meters, per connection. Knobs: LESSONLOOP_BENCH_ROOMS (250),
 * LESSONLOOP_BENCH_SECONDS (30), LESSONLOOP_BENCH_WARMUP_SECONDS (10), LESSONLOOP_BENCH_COMMAND_MS
 * (1000: each room's command interval), LESSONLOOP_BENCH_HEAP (512m, each node's -Xmx).
 */
public final class DebriefBench {
    private static final double ONE_NODE_P99_MS = 50;
    private static final double TWO_NODES_P99_MS = 100;
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private DebriefBench() {
    }

    record Phase(String name, DebriefLoad.Result result, double serverCpuSeconds, long rssPerConnection, long heapPerConnection,
                 double targetMs) {
        boolean met() {
            return result.percentileMs(99) < targetMs && result.lost() == 0 && result.duplicates() == 0 && result.reordered() == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        int rooms = knob("LESSONLOOP_BENCH_ROOMS", 250);
        DebriefLoad.Settings settings = new DebriefLoad.Settings(Duration.ofMillis(knob("LESSONLOOP_BENCH_COMMAND_MS", 1000)),
                Duration.ofSeconds(knob("LESSONLOOP_BENCH_WARMUP_SECONDS", 10)), Duration.ofSeconds(knob("LESSONLOOP_BENCH_SECONDS", 30)),
                Duration.ofSeconds(3), 10);
        String heap = System.getenv().getOrDefault("LESSONLOOP_BENCH_HEAP", "512m");
        Path work = Files.createTempDirectory("lessonloop-debrief-bench");
        Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<Phase> phases = new ArrayList<>();
        try (EmbeddedS3 s3 = EmbeddedS3.start(work)) {
            Map<String, String> env = TestServer.environment(work, TestDatabase.fresh(), s3.settings());
            env.put("LESSONLOOP_ROLE", "web");
            env.put("LESSONLOOP_METRICS_NETWORKS", "127.0.0.0/8");
            Organization org;
            List<String> roomIds;
            try (ServerProcess lone = new ServerProcess(node(env, work, "lone", true), heap)) {
                org = Organization.at(base(lone));
                roomIds = rooms(org, rooms);
                System.out.printf("%d rooms made; one node (pid %d)%n", rooms, lone.pid());
                phases.add(measure("one node", client, settings, roomIds, org, org, List.of(lone), ONE_NODE_P99_MS));
            }
            LoopbackCluster cluster = new LoopbackCluster(2);
            try (ServerProcess a = new ServerProcess(cluster.node(node(env, work, "a", false), 0), heap);
                 ServerProcess b = new ServerProcess(cluster.node(node(env, work, "b", false), 1), heap)) {
                Organization atA = Organization.signedInAt(base(a));
                Organization atB = Organization.signedInAt(base(b));
                System.out.printf("two clustered nodes (pids %d, %d)%n", a.pid(), b.pid());
                phases.add(measure("two nodes, rooms split", client, settings, roomIds, atA, atB, List.of(a, b), TWO_NODES_P99_MS));
            }
        } finally {
            client.close().await();
        }
        report(phases, rooms, settings);
        System.exit(phases.stream().allMatch(Phase::met) ? 0 : 1);
    }

    /** Each room: the teacher through {@code first}'s node, the coach through {@code second}'s; even rooms driven by the teacher. */
    private static Phase measure(String name, Vertx client, DebriefLoad.Settings settings, List<String> roomIds, Organization first,
                                 Organization second, List<ServerProcess> nodes, double targetMs) throws Exception {
        DebriefLoad.Seat teacher = new DebriefLoad.Seat(first.teacher.base(), first.teacher.cookieHeader());
        DebriefLoad.Seat coach = new DebriefLoad.Seat(second.sharedCoach.base(), second.sharedCoach.cookieHeader());
        List<DebriefLoad.Room> rooms = new ArrayList<>();
        for (int i = 0; i < roomIds.size(); i++) {
            rooms.add(i % 2 == 0 ? new DebriefLoad.Room(roomIds.get(i), teacher, coach) : new DebriefLoad.Room(roomIds.get(i), coach, teacher));
        }
        long[] before = memory(nodes);
        long[] joined = new long[3];
        DebriefLoad.Result result = new DebriefLoad(client, settings).run(rooms, () -> {
            long[] after = memory(nodes);
            joined[0] = after[0] - before[0];
            joined[1] = after[1] - before[1];
            joined[2] = cpuTicks(nodes);
        });
        double cpu = (cpuTicks(nodes) - joined[2]) / (double) CLOCK_TICKS_PER_SECOND;
        int sockets = result.sockets();
        System.out.printf("%s: %s%n", name, result.summary());
        return new Phase(name, result, cpu, joined[0] / sockets, joined[1] / sockets, targetMs);
    }

    private static void report(List<Phase> phases, int rooms, DebriefLoad.Settings settings) {
        double runSeconds = (settings.warmup().plus(settings.measured()).plus(settings.drain()).toMillis()) / 1000.0;
        System.out.printf("%nDebrief fan-out: %d rooms × 2 seats, a command per room every %d ms, %d s measured after %d s warm-up%n",
                rooms, settings.commandEvery().toMillis(), settings.measured().toSeconds(), settings.warmup().toSeconds());
        System.out.printf("%-24s %8s %8s %8s %8s %6s %5s %5s %7s %14s %12s %12s  %s%n", "run", "p50 ms", "p99 ms", "p99.9 ms",
                "max ms", "lost", "dup", "reord", "refused", "CPU %/1k conn", "RSS KiB/conn", "heap KiB/conn", "target");
        for (Phase p : phases) {
            DebriefLoad.Result r = p.result();
            double cpuPercentPerThousand = p.serverCpuSeconds() / runSeconds * 100 / r.sockets() * 1000;
            System.out.printf("%-24s %8.1f %8.1f %8.1f %8.1f %6d %5d %5d %7d %14.1f %12.1f %12.1f  p99 < %.0f ms: %s%n", p.name(),
                    r.percentileMs(50), r.percentileMs(99), r.percentileMs(99.9), r.latency().getMaxValue() / 1e6, r.lost(),
                    r.duplicates(), r.reordered(), r.rejected(), cpuPercentPerThousand, p.rssPerConnection() / 1024.0,
                    p.heapPerConnection() / 1024.0, p.targetMs(), p.met() ? "MET" : "MISSED");
        }
        double clientCpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1e9;
        System.out.printf("load client (this JVM, S3 server included): %.1f CPU s in all%n", clientCpu);
        JsonObject result = new JsonObject();
        for (Phase p : phases) {
            DebriefLoad.Result r = p.result();
            result.put(p.name(), new JsonObject().put("p50Ms", r.percentileMs(50)).put("p99Ms", r.percentileMs(99))
                    .put("p999Ms", r.percentileMs(99.9)).put("lost", r.lost()).put("duplicates", r.duplicates())
                    .put("reordered", r.reordered()).put("refused", r.rejected()).put("serverCpuSeconds", p.serverCpuSeconds())
                    .put("rssBytesPerConnection", p.rssPerConnection()).put("heapBytesPerConnection", p.heapPerConnection())
                    .put("met", p.met()));
        }
        System.out.println("RESULT " + result.encode());
    }

    private static List<String> rooms(Organization org, int count) {
        String recording = org.sharedRecording();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiResponse created = org.teacher.postJson("/api/debriefs", new JsonObject().put("recordingId", recording)
                    .put("title", "Bench room " + i));
            if (created.status() != 201) {
                throw new IllegalStateException("could not make a room: " + created);
            }
            ids.add(created.json().getString("id"));
        }
        return ids;
    }

    /** RSS (from /proc) and heap in use after a full GC (jcmd, then the node's own /metrics), summed over the nodes. */
    private static long[] memory(List<ServerProcess> nodes) {
        long rss = 0;
        long heap = 0;
        for (ServerProcess node : nodes) {
            try {
                new ProcessBuilder(javaTool("jcmd"), Long.toString(node.pid()), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                for (String line : Files.readAllLines(Path.of("/proc/" + node.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
                for (String line : new ApiClient(base(node)).get("/metrics").body().split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new long[] {rss, heap};
    }

    /** User + system CPU of the nodes, in clock ticks (/proc/PID/stat fields 14 and 15). */
    private static long cpuTicks(List<ServerProcess> nodes) {
        long ticks = 0;
        for (ServerProcess node : nodes) {
            try {
                String stat = Files.readString(Path.of("/proc/" + node.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return ticks;
    }

    private static Map<String, String> node(Map<String, String> env, Path work, String name, boolean bootstrap) {
        Map<String, String> node = new HashMap<>(env);
        node.put("LESSONLOOP_DATA_DIR", work.resolve(name).toString());
        if (!bootstrap) {
            node.remove("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL");
            node.remove("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD");
        }
        return node;
    }

    private static String javaTool(String name) {
        return Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling(name).toString();
    }

    private static URI base(ServerProcess node) {
        return URI.create("http://127.0.0.1:" + node.port());
    }

    private static int knob(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
