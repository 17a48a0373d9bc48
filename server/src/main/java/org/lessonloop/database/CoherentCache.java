package org.lessonloop.database;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A node-local cache of rows that change rarely and are read on every request, kept coherent with
 * the database: entries are grouped (by recording, by session) and a group is dropped whenever the
 * database announces a change to it (see {@link DatabaseChanges}), on this node right after the
 * write as well. It caches nothing while this node cannot hear every change ({@code coherent}).
 *
 * <p>{@link #getOrLoad} takes the group's {@link Slot} before it reads the database: if the group
 * is dropped while it reads, what it puts goes into the dropped slot and is never served.
 *
 * @param <G> what a change names (a recording id, a session's token hash)
 * @param <K> an entry within a group (a viewer)
 */
public final class CoherentCache<G, K, V> {
    private final ConcurrentHashMap<G, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long budget;
    private final long slotWeight;
    private final ToLongFunction<V> weigher;
    private final BooleanSupplier coherent;
    private final Consumer<G> announce;
    private final List<Watcher<G>> watchers = new CopyOnWriteArrayList<>();

    /**
     * {@code budget} is in the weigher's units (bytes, entries); every group also weighs
     * {@code slotWeight} of them, even empty, so that misses (a stranger's random session cookies,
     * unknown recording ids) cannot grow the cache without bound.
     */
    CoherentCache(long budget, long slotWeight, ToLongFunction<V> weigher, BooleanSupplier coherent, Consumer<G> announce) {
        this.budget = budget;
        this.slotWeight = slotWeight;
        this.weigher = weigher;
        this.coherent = coherent;
        this.announce = announce;
    }

    /** One group's entries. A dropped slot serves nothing and ignores what is put in it. */
    final class Slot {
        private final Map<K, V> entries = new ConcurrentHashMap<>();
        private long weightHere;
        private volatile boolean dropped;

        private Slot(boolean dropped) {
            this.dropped = dropped;
        }

        V get(K key) {
            return dropped ? null : entries.get(key);
        }

        void put(K key, V value) {
            synchronized (this) {
                if (dropped) {
                    return;
                }
                V previous = entries.put(key, value);
                long delta = weigher.applyAsLong(value) - (previous == null ? 0 : weigher.applyAsLong(previous));
                weightHere += delta;
                weight.addAndGet(delta);
            }
            evictOverBudget();
        }

        private void drop() {
            synchronized (this) {
                if (!dropped) {
                    dropped = true;
                    weight.addAndGet(-weightHere);
                }
            }
        }
    }

    /**
     * The cached value, or what {@code load} reads (kept unless null). The group's slot is taken
     * before {@code load} runs, so a change committed while it reads leaves what it read unserved.
     */
    public V getOrLoad(G group, K key, Supplier<V> load) {
        Slot slot = slot(group);
        V cached = slot.get(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        V loaded = load.get();
        if (loaded != null) {
            slot.put(key, loaded);
        }
        return loaded;
    }

    /** The cached value, or null: it neither loads nor makes room for the group. */
    public V peek(G group, K key) {
        Slot slot = coherent.getAsBoolean() ? slots.get(group) : null;
        V cached = slot == null ? null : slot.get(key);
        if (cached != null) {
            hits.increment(); // a miss here is counted by the getOrLoad that follows it
        }
        return cached;
    }

    /** The group's slot; take it before reading what goes in it. */
    Slot slot(G group) {
        if (!coherent.getAsBoolean()) {
            return new Slot(true);
        }
        Slot existing = slots.get(group);
        if (existing != null) {
            return existing;
        }
        Slot slot = slots.computeIfAbsent(group, g -> {
            Slot created = new Slot(false);
            created.weightHere = slotWeight;
            weight.addAndGet(slotWeight);
            return created;
        });
        evictOverBudget();
        return slot;
    }

    /**
     * Told of every change to a group, made on this node or heard from another, on the thread that
     * learnt of it and before that thread goes on (the next notification, the writer's answer).
     * Evicting a group to fit the budget is no change and is not told.
     */
    public interface Watcher<G> {
        void changed(G group);

        /** Any group may have changed. */
        void changedAll();
    }

    /** For what holds state derived from the same rows outside the cache (an open live subscription). */
    public void watch(Watcher<G> watcher) {
        watchers.add(watcher);
    }

    /** Something in this group changed. */
    public void invalidate(G group) {
        drop(group);
        watchers.forEach(watcher -> watcher.changed(group));
    }

    private void drop(G group) {
        Slot slot = slots.remove(group);
        if (slot != null) {
            slot.drop();
        }
    }

    /**
     * This node just committed a change to this group that no trigger announces: drop it here now,
     * and tell the other nodes within milliseconds.
     */
    public void changedHere(G group) {
        invalidate(group);
        announce.accept(group);
    }

    /** Something that may touch any group changed, or changes may have gone unheard. */
    public void invalidateAll() {
        slots.keySet().forEach(this::drop);
        watchers.forEach(Watcher::changedAll);
    }

    /** Reads {@link #getOrLoad} answered from the cache, since start. */
    public long hits() {
        return hits.sum();
    }

    /** Reads {@link #getOrLoad} had to load, since start. */
    public long misses() {
        return misses.sum();
    }

    /** What it may hold, in the weigher's units. */
    public long budget() {
        return budget;
    }

    /** What the cache holds now, in the weigher's units. */
    public long weight() {
        return weight.get();
    }

    /** Drops whole groups, in no particular order, until the cache fits its budget again. */
    private void evictOverBudget() {
        Iterator<G> groups = slots.keySet().iterator();
        while (weight.get() > budget && groups.hasNext()) {
            drop(groups.next());
        }
    }
}
