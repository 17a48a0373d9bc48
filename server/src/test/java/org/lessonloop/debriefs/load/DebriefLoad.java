package org.lessonloop.debriefs.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The debrief load client (bench/debrief): every participant's socket in this one process, so a
 * command's send and its state's arrival at each participant are read off the same clock. Each
 * room's commands go out on a fixed schedule (one every {@code commandEvery}, rooms staggered, from
 * the room's first seat, on the state it last saw), and latency counts from when a command was due, not from when it went
 * out: a client that falls behind shows as latency instead of hiding it (no coordinated omission).
 * A state frame is matched to its command by commandId; per seat, seq numbers tell loss,
 * duplicates and reordering.
 */
public final class DebriefLoad {
    /** Where one participant connects: a node's base URI and a signed-in session's Cookie header. */
    public record Seat(URI node, String cookie) {
    }

    /** A room and its two participants, each perhaps on a node of their own; the first drives (sends the commands). */
    public record Room(String id, Seat first, Seat second) {
    }

    /** {@code warmup}: measured for loss but not for latency (JIT, pools, caches warming). */
    public record Settings(Duration commandEvery, Duration warmup, Duration measured, Duration drain, int connectAtOnce) {
    }

    /**
     * What one run saw. {@code expected}: states owed to seats (commands not refused × 2). {@code lost}:
     * owed but never arrived. {@code rejected}: commands the server answered with an error.
     */
    public record Result(Histogram latency, long commands, long expected, long received, long lost, long duplicates,
                         long reordered, long rejected, Map<String, Long> errors, long unexpectedCloses, long retriedJoins,
                         int sockets, Duration measured) {
        public double percentileMs(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }

        public String summary() {
            return String.format("%d sockets, %d commands, %d states received of %d owed: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, "
                    + "max %.1f ms; lost %d, duplicates %d, reordered %d, rejected %d %s, unexpected closes %d, joins tried again %d",
                    sockets, commands, received, expected, percentileMs(50), percentileMs(99), percentileMs(99.9),
                    latency.getMaxValue() / 1e6, lost, duplicates, reordered, rejected, errors, unexpectedCloses, retriedJoins);
        }
    }

    private final Vertx vertx;
    private final Settings settings;
    private final ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(1), 3);
    /** commandId → when it was due (nanoTime) and whether it counts for latency. */
    private final Map<String, Due> due = new ConcurrentHashMap<>();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong unexpectedCloses = new AtomicLong();
    private final Map<String, Long> errors = new ConcurrentHashMap<>();
    private final AtomicLong retriedJoins = new AtomicLong();
    private volatile boolean stopping;

    private record Due(long atNanos, boolean measured) {
    }

    public DebriefLoad(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /** Joins every seat (waiting for each welcome), runs the schedule, drains, closes the sockets. */
    public Result run(List<Room> rooms) {
        return run(rooms, () -> { });
    }

    /** As {@link #run(List)}, calling {@code joined} once every seat is in, before the first command. */
    public Result run(List<Room> rooms, Runnable joinedAll) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(rooms.size() * 2 + 1));
        List<Participant[]> joined = new ArrayList<>();
        for (int from = 0; from < rooms.size(); from += settings.connectAtOnce()) {
            List<Future<Participant>> batch = new ArrayList<>();
            for (Room room : rooms.subList(from, Math.min(rooms.size(), from + settings.connectAtOnce()))) {
                batch.add(join(client, room.first(), room.id()));
                batch.add(join(client, room.second(), room.id()));
            }
            Future.all(batch).await();
            for (int i = 0; i < batch.size(); i += 2) {
                joined.add(new Participant[] {batch.get(i).result(), batch.get(i + 1).result()});
            }
        }
        joinedAll.run();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long every = settings.commandEvery().toNanos();
        long measureFrom = start + settings.warmup().toNanos();
        long end = measureFrom + settings.measured().toNanos();
        for (int r = 0; r < joined.size(); r++) {
            schedule(joined.get(r), start + every * r / joined.size(), 0, every, measureFrom, end);
        }
        sleepUntil(end + settings.drain().toNanos());
        stopping = true;
        // Every command the server did not refuse owes both seats a state.
        long expected = 2 * (commands.get() - rejected.get());
        long distinct = joined.stream().flatMap(java.util.Arrays::stream).mapToLong(seat -> seat.seqs.size()).sum();
        for (Participant[] room : joined) {
            for (Participant seat : room) {
                seat.socket.close();
            }
        }
        client.close().await();
        return new Result(latency.copy(), commands.get(), expected, received.get(), Math.max(0, expected - distinct), duplicates.get(),
                reordered.get(), rejected.get(), Map.copyOf(errors), unexpectedCloses.get(), retriedJoins.get(), joined.size() * 2, settings.measured());
    }

    /** Command {@code k} of a room is due at {@code first + k × every}; the timer aims at that instant, whatever came before. */
    private void schedule(Participant[] room, long first, long k, long every, long measureFrom, long end) {
        long dueAt = first + k * every;
        if (dueAt >= end || stopping) {
            return;
        }
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(dueAt - System.nanoTime()));
        vertx.setTimer(delayMs, ignored -> {
            Participant driver = room[0];
            String commandId = driver.roomId + "/" + k;
            due.put(commandId, new Due(dueAt, dueAt >= measureFrom));
            commands.incrementAndGet();
            driver.socket.writeTextMessage(new JsonObject().put("type", "command").put("commandId", commandId)
                    .put("basedOnSeq", driver.lastSeq).put("action", "seek").put("positionMs", (k % 600) * 1000).encode());
            schedule(room, first, k + 1, every, measureFrom, end);
        });
    }

    /** As a page does: a room that could not be opened now (1011, "try again") is tried again, a few times. */
    private Future<Participant> join(WebSocketClient client, Seat seat, String roomId) {
        return join(client, seat, roomId, 5);
    }

    private Future<Participant> join(WebSocketClient client, Seat seat, String roomId, int attempts) {
        return connect(client, seat, roomId).recover(failed -> {
            if (attempts <= 1 || !failed.getMessage().contains(" 1011 ")) {
                return Future.failedFuture(failed);
            }
            retriedJoins.incrementAndGet();
            io.vertx.core.Promise<Void> pause = io.vertx.core.Promise.promise();
            vertx.setTimer(500, ignored -> pause.complete());
            return pause.future().compose(ignored -> join(client, seat, roomId, attempts - 1));
        });
    }

    private Future<Participant> connect(WebSocketClient client, Seat seat, String roomId) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(seat.node().getHost()).setPort(seat.node().getPort())
                .setURI("/api/debriefs/" + roomId + "/socket").setAllowOriginHeader(false)
                .addHeader("Cookie", seat.cookie()).addHeader("Origin", "http://" + seat.node().getAuthority());
        return client.connect(options).compose(socket -> {
            Participant participant = new Participant(roomId, socket);
            socket.textMessageHandler(participant::heard);
            socket.closeHandler(ignored -> {
                if (!stopping && participant.welcomed.future().isComplete()) {
                    unexpectedCloses.incrementAndGet();
                }
                participant.welcomed.tryFail("room " + roomId + " closed the socket before its welcome: "
                        + socket.closeStatusCode() + " " + socket.closeReason());
            });
            return participant.welcomed.future();
        });
    }

    private static void sleepUntil(long nanoTime) {
        try {
            long left;
            while ((left = nanoTime - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One seat's socket; its frames arrive on one event loop, in order. */
    private final class Participant {
        final String roomId;
        final WebSocket socket;
        final io.vertx.core.Promise<Participant> welcomed = io.vertx.core.Promise.promise();
        final java.util.Set<Long> seqs = ConcurrentHashMap.newKeySet();
        volatile long lastSeq;

        Participant(String roomId, WebSocket socket) {
            this.roomId = roomId;
            this.socket = socket;
        }

        void heard(String text) {
            long now = System.nanoTime();
            JsonObject frame = new JsonObject(text);
            switch (frame.getString("type", "")) {
                case "welcome" -> {
                    lastSeq = frame.getJsonObject("state").getLong("seq");
                    welcomed.tryComplete(this);
                }
                case "state" -> state(frame, now);
                case "error" -> {
                    if (frame.getString("commandId") != null) {
                        rejected.incrementAndGet();
                        errors.merge(frame.getString("code", "?"), 1L, Long::sum);
                    }
                }
                default -> {
                    // presence, heartbeats, time: not what is measured
                }
            }
        }

        private void state(JsonObject frame, long now) {
            long seq = frame.getJsonObject("state").getLong("seq");
            String commandId = frame.getJsonObject("cause", new JsonObject()).getString("commandId");
            Due when = commandId == null ? null : due.get(commandId);
            if (when == null) {
                // Not one of ours (the snapshot after a stale command, a buffering wait): still the room's latest state.
                lastSeq = Math.max(lastSeq, seq);
                return;
            }
            received.incrementAndGet();
            if (!seqs.add(seq)) {
                duplicates.incrementAndGet();
                return;
            }
            if (seq < lastSeq) {
                reordered.incrementAndGet();
            }
            lastSeq = Math.max(lastSeq, seq);
            if (when.measured()) {
                latency.recordValue(Math.max(0, now - when.atNanos()));
            }
        }
    }
}
