package org.lessonloop.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link CoherentCache}s and what keeps them coherent: the database's change
 * notifications (migration V5), "cache:group" or "cache:*", heard by a {@link ChangeListener}.
 * Until {@link #listen} succeeds, and whenever the listener is down, the caches hold nothing.
 *
 * <p>It also carries messages between nodes on channels of their own ({@link #hear}, {@link #send}),
 * heard on the same connection, so that a message arrives after every change committed before it
 * was sent (a revoked share before the comment posted after it).
 */
public final class DatabaseChanges implements AutoCloseable {
    public static final String CHANNEL = "lessonloop_changes";
    private static final String ALL = "*";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseChanges.class);

    /** Messages waiting to be sent, at most; past it they are dropped (the database is not keeping up). */
    private static final int MAX_UNSENT = 100_000;

    private record Registered(CoherentCache<?, ?, ?> cache, Function<String, ?> group) {
    }

    private record Hearer(Consumer<String> onMessage, Runnable onResync, NotificationChunks.Reassembly chunks) {
    }

    private record Unsent(String channel, String payload) {
    }

    private final Map<String, Registered> caches = new ConcurrentHashMap<>();
    private final Set<String> unannounced = ConcurrentHashMap.newKeySet();
    private final Map<String, Hearer> hearers = new ConcurrentHashMap<>();
    /** Guarded by itself: a message's chunks go into one batch together. */
    private final List<Unsent> unsent = new ArrayList<>();
    private final DSLContext db;
    private final Map<String, Long> budgets;
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lessonloop-change-announcer").daemon().factory());
    private volatile ChangeListener listener;
    private volatile boolean announceFailing;

    public DatabaseChanges(DSLContext db) {
        this(db, Map.of());
    }

    /** {@code budgets}: by cache name, what an operator set instead of the budget its feature asks for. */
    public DatabaseChanges(DSLContext db, Map<String, Long> budgets) {
        this.db = db;
        this.budgets = Map.copyOf(budgets);
        announcer.scheduleWithFixedDelay(this::announce, ANNOUNCE_EVERY_MILLIS, ANNOUNCE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A cache that the database's "{name}:…" notifications keep coherent; {@code group} parses what
     * they name. See {@link CoherentCache} for the budget and a group's own weight.
     */
    public <G, K, V> CoherentCache<G, K, V> cache(String name, Function<String, G> group, long budget, long slotWeight,
                                                   ToLongFunction<V> weigher) {
        CoherentCache<G, K, V> cache = new CoherentCache<>(budgets.getOrDefault(name, budget), slotWeight, weigher, this::coherent,
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

    /**
     * Every message sent on {@code channel} by any node, this one included, reaches {@code onMessage}
     * on the listener's thread, in the order each node sent them. {@code onResync} runs when the
     * listener was away and messages may have been lost. Call before {@link #listen}.
     */
    public void hear(String channel, Consumer<String> onMessage, Runnable onResync) {
        if (listener != null || CHANNEL.equals(channel)) {
            throw new IllegalStateException("Hear " + channel + " before listening, on a channel of its own");
        }
        if (hearers.putIfAbsent(channel, new Hearer(onMessage, onResync, new NotificationChunks.Reassembly())) != null) {
            throw new IllegalArgumentException("Two hearers of " + channel);
        }
    }

    /**
     * Sends a message of any length to every node's hearer of {@code channel} within milliseconds,
     * after the cache changes announced before it. Never in the caller's transaction, whose NOTIFY
     * would hold the notification lock across its disk flush (V5): it leaves with the next batch
     * (see {@link #ANNOUNCE_EVERY_MILLIS}), so send once the write it tells of has committed.
     * Best effort: lost if the database cannot be reached.
     */
    public void send(String channel, String message) {
        List<String> payloads = NotificationChunks.encode(message);
        synchronized (unsent) {
            if (unsent.size() + payloads.size() > MAX_UNSENT) {
                LOG.warn("Dropping a message on {}: {} notifications wait to be sent already", channel, unsent.size());
                return;
            }
            payloads.forEach(payload -> unsent.add(new Unsent(channel, payload)));
        }
    }

    /** Starts hearing the database's notifications; the caches work from then on. */
    public void listen(DatabaseSettings settings) {
        Map<String, Consumer<String>> channels = new HashMap<>();
        channels.put(CHANNEL, this::changed);
        hearers.forEach((channel, hearer) -> channels.put(channel,
                payload -> hearer.chunks().accept(payload).ifPresent(hearer.onMessage())));
        listener = ChangeListener.start(settings, channels, this::resync);
    }

    /** The caches by name, to watch their weight and hit rate. */
    public Map<String, CoherentCache<?, ?, ?>> caches() {
        Map<String, CoherentCache<?, ?, ?>> byName = new java.util.TreeMap<>();
        caches.forEach((name, registered) -> byName.put(name, registered.cache()));
        return byName;
    }

    /** True while this node hears every change (its listener is connected): only then do the caches serve. */
    public boolean listening() {
        return coherent();
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
     * Sends what waits to be announced, then the messages, in one asynchronous commit: a notification
     * need not survive a crash, and must not wait for the disk (see V5 on the notification lock). Changes
     * that could not be sent stay and go with the next batch: dropping them would leave other nodes
     * serving what changed. Messages are live news, not state: a lost one is dropped (a page re-reads).
     */
    private void announce() {
        if (db == null) {
            return;
        }
        List<String> changes = new ArrayList<>(unannounced);
        unannounced.removeAll(changes);
        List<Unsent> messages;
        synchronized (unsent) {
            messages = List.copyOf(unsent);
            unsent.clear();
        }
        if (changes.isEmpty() && messages.isEmpty()) {
            return;
        }
        List<String> channels = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        changes.forEach(change -> {
            channels.add(CHANNEL);
            payloads.add(change);
        });
        messages.forEach(message -> {
            channels.add(message.channel());
            payloads.add(message.payload());
        });
        try {
            // unnest of two arrays yields their elements side by side, in order; each pg_notify runs in that order.
            db.execute("SELECT pg_notify(channel, payload) FROM set_config('synchronous_commit', 'off', true) AS asynchronous, "
                            + "unnest(?::text[], ?::text[]) AS notification(channel, payload)",
                    channels.toArray(String[]::new), payloads.toArray(String[]::new));
            if (announceFailing) {
                announceFailing = false;
                LOG.info("Announcing changes to other nodes again");
            }
        } catch (RuntimeException e) {
            unannounced.addAll(changes);
            keepPendingBounded();
            if (!announceFailing) {
                announceFailing = true;
                LOG.warn("Could not announce {} changes to other nodes (they wait and go once the database answers)"
                        + " nor {} messages (dropped)", changes.size(), messages.size(), e);
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

    /** Changes and messages may have gone unheard while the listener was away: drop everything, tell the hearers. */
    private void resync() {
        caches.values().forEach(registered -> registered.cache().invalidateAll());
        hearers.values().forEach(hearer -> {
            hearer.chunks().clear();
            hearer.onResync().run();
        });
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
