package org.lessonloop.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link CoherentCache}s and what keeps them coherent: the database's change
 * notifications (migration V5), "cache:group" or "cache:*", heard by a {@link ChangeListener}.
 * Until {@link #listen} succeeds, and whenever the listener is down, the caches hold nothing.
 */
public final class DatabaseChanges implements AutoCloseable {
    public static final String CHANNEL = "lessonloop_changes";
    private static final String ALL = "*";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseChanges.class);

    private record Registered(CoherentCache<?, ?, ?> cache, Function<String, ?> group) {
    }

    private final Map<String, Registered> caches = new ConcurrentHashMap<>();
    private final Set<String> unannounced = ConcurrentHashMap.newKeySet();
    private final DSLContext db;
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lessonloop-change-announcer").daemon().factory());
    private volatile ChangeListener listener;
    private volatile boolean announceFailing;

    public DatabaseChanges(DSLContext db) {
        this.db = db;
        announcer.scheduleWithFixedDelay(this::announce, ANNOUNCE_EVERY_MILLIS, ANNOUNCE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A cache that the database's "{name}:…" notifications keep coherent; {@code group} parses what
     * they name. See {@link CoherentCache} for the budget and a group's own weight.
     */
    public <G, K, V> CoherentCache<G, K, V> cache(String name, Function<String, G> group, long budget, long slotWeight,
                                                   ToLongFunction<V> weigher) {
        CoherentCache<G, K, V> cache = new CoherentCache<>(budget, slotWeight, weigher, this::coherent,
                changed -> unannounced.add(name + ":" + changed));
        if (caches.putIfAbsent(name, new Registered(cache, group)) != null) {
            throw new IllegalArgumentException("Two caches named " + name);
        }
        return cache;
    }

    /**
     * Changes no trigger announces (new comments and clips: migration V5 says why) wait here a few
     * milliseconds and leave together, one notification per key, so a busy recording costs other
     * nodes one message per interval rather than one per comment.
     */
    private static final long ANNOUNCE_EVERY_MILLIS = 10;
    /** Keys waiting while announcing fails, before they are folded per cache (see {@link #keepPendingBounded}). */
    static final int MAX_PENDING = 10_000;

    /** Starts hearing the database's notifications; the caches work from then on. */
    public void listen(DatabaseSettings settings) {
        listener = ChangeListener.start(settings, CHANNEL, this::changed, this::resync);
    }

    private boolean coherent() {
        ChangeListener current = listener;
        return current != null && current.listening();
    }

    private void changed(String payload) {
        int colon = payload.indexOf(':');
        Registered registered = colon < 0 ? null : caches.get(payload.substring(0, colon));
        if (registered == null) {
            LOG.warn("Ignoring a change notification for no known cache: {}", payload);
            return;
        }
        String group = payload.substring(colon + 1);
        if (group.equals(ALL)) {
            registered.cache().invalidateAll();
        } else {
            invalidate(registered, group);
        }
    }

    @SuppressWarnings("unchecked")
    private static <G> void invalidate(Registered registered, String group) {
        ((CoherentCache<G, ?, ?>) registered.cache()).invalidate(((Function<String, G>) registered.group()).apply(group));
    }

    /**
     * Sends what waits to be announced, in an asynchronous commit: a notification need not survive a
     * crash, and must not wait for the disk (see V5 on the notification lock). What could not be sent
     * stays and goes with the next batch: dropping it would leave other nodes serving what changed.
     */
    private void announce() {
        if (unannounced.isEmpty() || db == null) {
            return;
        }
        // Taken out before sending, so a change made while the batch is on its way is announced again after it.
        List<String> payloads = new ArrayList<>(unannounced);
        unannounced.removeAll(payloads);
        try {
            db.execute("SELECT pg_notify(?, payload) FROM set_config('synchronous_commit', 'off', true) AS asynchronous, "
                    + "unnest(?::text[]) AS payload", CHANNEL, payloads.toArray(String[]::new));
            if (announceFailing) {
                announceFailing = false;
                LOG.info("Announcing changes to other nodes again");
            }
        } catch (RuntimeException e) {
            unannounced.addAll(payloads);
            keepPendingBounded();
            if (!announceFailing) {
                announceFailing = true;
                LOG.warn("Could not announce {} changes to other nodes; they wait and go once the database answers",
                        payloads.size(), e);
            }
        }
    }

    /**
     * While the database is away the changes pile up; past {@link #MAX_PENDING} keys each cache's are
     * folded into one "name:*", which drops more on other nodes but costs no more memory.
     */
    private void keepPendingBounded() {
        if (unannounced.size() <= MAX_PENDING) {
            return;
        }
        List<String> pending = new ArrayList<>(unannounced);
        for (String payload : pending) {
            int colon = payload.indexOf(':');
            unannounced.add((colon < 0 ? payload : payload.substring(0, colon)) + ":" + ALL);
        }
        pending.stream().filter(payload -> !payload.endsWith(":" + ALL)).forEach(unannounced::remove);
    }

    /** Changes may have gone unheard while the listener was away: drop everything. */
    private void resync() {
        caches.values().forEach(registered -> registered.cache().invalidateAll());
    }

    @Override
    public void close() {
        announcer.shutdown();
        try {
            announcer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        announce();
        ChangeListener current = listener;
        if (current != null) {
            current.close();
        }
    }
}
