package org.lessonloop.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs of the kinds it has handlers for, at most {@code concurrency} at a time, each on a
 * virtual thread under a lease renewed every lease/3. One poller claims: again at once while it finds
 * work, then every {@link Tuning#idlePoll} (or on {@link #notifyNewJob}). Closing hands running jobs
 * back to the queue, so a graceful restart never waits for a lease to expire.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private static final Duration CLAIM_FAILURE_PAUSE = Duration.ofSeconds(5);

    /** The knobs tests turn: retry waits, idle polling, and how long closing waits for handlers. */
    record Tuning(Backoff backoff, Duration idlePoll, Duration stopGrace) {
        static final Tuning DEFAULT = new Tuning(Backoff.DEFAULT, Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    private final JobRepository jobs;
    private final String nodeId;
    private final Duration lease;
    private final Map<String, JobHandler> handlers;
    private final Tuning tuning;
    private final Semaphore slots;
    private final Semaphore wake = new Semaphore(0);
    private final Map<JobRun, Thread> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;
    private volatile boolean closing;
    private volatile JobOutcomes outcomes = JobOutcomes.NONE;
    private Thread poller;

    public Workers(DSLContext db, Clock clock, String nodeId, int concurrency, Duration lease, List<JobHandler> handlers) {
        this(db, clock, nodeId, concurrency, lease, handlers, Tuning.DEFAULT);
    }

    /** With failed attempts waiting {@code firstRetry}, then four times longer each time, up to the default cap. */
    public Workers(DSLContext db, Clock clock, String nodeId, int concurrency, Duration lease, Duration firstRetry,
                   List<JobHandler> handlers) {
        this(db, clock, nodeId, concurrency, lease, handlers, new Tuning(new Backoff(firstRetry, Backoff.DEFAULT.cap()),
                Tuning.DEFAULT.idlePoll(), Tuning.DEFAULT.stopGrace()));
    }

    Workers(DSLContext db, Clock clock, String nodeId, int concurrency, Duration lease, List<JobHandler> handlers, Tuning tuning) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.jobs = new JobRepository(db, clock);
        this.nodeId = nodeId;
        this.lease = lease;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
        this.tuning = tuning;
        this.slots = new Semaphore(concurrency);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("job-heartbeat-" + nodeId).factory());
    }

    /** Starts polling; with no handlers there is nothing to poll for. */
    public synchronized void start() {
        if (poller != null || handlers.isEmpty()) {
            return;
        }
        int requeued = jobs.requeueLeasesOf(ownerPrefix());
        if (requeued > 0) {
            LOG.info("Queued again {} job(s) this node was running when it last stopped", requeued);
        }
        // Not a daemon: a worker-only process has nothing else keeping it alive until it is told to stop.
        poller = Thread.ofPlatform().name("job-poller-" + nodeId).start(this::poll);
    }

    /** Told how every attempt this node makes ends from now on. */
    public void report(JobOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** A job was just committed on this node: look now rather than at the next idle poll. */
    public void notifyNewJob() {
        wake.release();
    }

    private void poll() {
        while (!closing) {
            try {
                if (!slots.tryAcquire(tuning.idlePoll().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (!claimAndStart()) {
                    slots.release();
                    wake.tryAcquire(tuning.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** True when a job was claimed; its run then holds the slot until it ends. */
    private boolean claimAndStart() throws InterruptedException {
        String owner = ownerPrefix() + UUID.randomUUID();
        Optional<Job> claimed;
        try {
            claimed = closing ? Optional.empty() : jobs.claim(handlers.keySet(), owner, lease);
        } catch (RuntimeException e) {
            // The database is down or failing over: say so every few seconds, not at every idle poll.
            LOG.warn("Could not claim a job; trying again in {} s: {}", CLAIM_FAILURE_PAUSE.toSeconds(), e.getMessage());
            wake.tryAcquire(CLAIM_FAILURE_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }
        claimed.ifPresent(job -> start(job, owner));
        return claimed.isPresent();
    }

    private void start(Job job, String owner) {
        JobRun run = new JobRun(jobs, handlers.get(job.kind()), job, owner, lease, tuning.backoff(), outcomes);
        LOG.info("Job {} ({}) started, attempt {} of {}", job.id(), job.kind(), job.attempt(), job.maxAttempts());
        long every = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(run::heartbeat, every, every, TimeUnit.MILLISECONDS);
        Thread thread = Thread.ofVirtual().name("job-" + job.kind() + "-" + job.id()).unstarted(() -> {
            try {
                run.run();
            } finally {
                heartbeat.cancel(false);
                running.remove(run);
                slots.release();
                wake.release(); // a finished job often queued the next one
            }
        });
        running.put(run, thread);
        thread.start();
    }

    /** Lease owners are "node/claim": a node knows its own leases after a restart, and each claim is unique. */
    private String ownerPrefix() {
        return nodeId + "/";
    }

    /**
     * Stops claiming, asks running handlers to stop, waits up to the grace period for them, then
     * hands whatever still runs back to the queue and interrupts it.
     */
    @Override
    public void close() {
        Thread pollerThread;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            pollerThread = poller;
        }
        wake.release();
        running.keySet().forEach(JobRun::shutdown);
        long deadline = System.nanoTime() + tuning.stopGrace().toNanos();
        try {
            if (pollerThread != null) {
                pollerThread.join(tuning.idlePoll().multipliedBy(4));
            }
            running.keySet().forEach(JobRun::shutdown); // a job claimed while the poller was stopping
            for (Thread thread : List.copyOf(running.values())) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.forEach((run, thread) -> {
            LOG.warn("A job handler did not stop in time; handing its job to another worker");
            try {
                run.abandon();
            } catch (RuntimeException e) {
                LOG.warn("Could not hand a job back to the queue; it returns when its lease runs out: {}", e.getMessage());
            }
            thread.interrupt();
        });
        heartbeats.shutdownNow();
    }
}
