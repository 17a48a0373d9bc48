package org.lessonloop.jobs;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler whose work a test scripts; it counts its runs per job and remembers what it was told of dead jobs. */
final class ScriptedHandler implements JobHandler {
    @FunctionalInterface
    interface Work {
        void run(Job job, JobContext context) throws Exception;
    }

    private final String kind;
    private final Work work;
    private final Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();
    final List<String> deaths = new CopyOnWriteArrayList<>();

    ScriptedHandler(String kind, Work work) {
        this.kind = kind;
        this.work = work;
    }

    static ScriptedHandler succeeding(String kind) {
        return new ScriptedHandler(kind, (job, context) -> { });
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void run(Job job, JobContext context) throws Exception {
        runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
        work.run(job, context);
    }

    @Override
    public void onDead(Job job, String reason) {
        deaths.add(job.id() + ": " + reason);
    }

    int runs(UUID jobId) {
        AtomicInteger count = runs.get(jobId);
        return count == null ? 0 : count.get();
    }

    Map<UUID, AtomicInteger> runs() {
        return runs;
    }
}
