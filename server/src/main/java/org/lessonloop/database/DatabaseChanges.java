package org.lessonloop.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
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
    private volatile ChangeListener listener;

    /**
     * A cache that the database's "{name}:…" notifications keep coherent; {@code group} parses what
     * they name. See {@link CoherentCache} for the budget and a group's own weight.
     */
    public <G, K, V> CoherentCache<G, K, V> cache(String name, Function<String, G> group, long budget, long slotWeight,
                                                   ToLongFunction<V> weigher) {
        CoherentCache<G, K, V> cache = new CoherentCache<>(budget, slotWeight, weigher, this::coherent);
        if (caches.putIfAbsent(name, new Registered(cache, group)) != null) {
            throw new IllegalArgumentException("Two caches named " + name);
        }
        return cache;
    }

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

    /** Changes may have gone unheard while the listener was away: drop everything. */
    private void resync() {
        caches.values().forEach(registered -> registered.cache().invalidateAll());
    }

    @Override
    public void close() {
        ChangeListener current = listener;
        if (current != null) {
            current.close();
        }
    }
}
