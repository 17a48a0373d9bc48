package org.lessonloop.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears PostgreSQL NOTIFY channels on a connection of its own, so every node learns of changes
 * committed by any node (https://www.postgresql.org/docs/current/sql-notify.html). One connection
 * for all channels keeps their notifications in commit order: a revoked share is heard before a
 * message sent after it on another channel. Notifications
 * sent while the connection is down are lost: after each (re)connect it calls onResync, and
 * {@link #listening()} tells callers whether anything they cache now will be invalidated.
 * Callbacks never overlap: the first onResync runs inside start, everything after on the
 * listener's one thread.
 */
public final class ChangeListener implements AutoCloseable {
    static final String APPLICATION_NAME = "lessonloop-change-listener";

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    // Lower case only: LISTEN folds an unquoted name, pg_notify('Name', …) would not match it.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 500;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    // A dropped network path can leave a socket silent without an error: check it when idle, often,
    // since until then this node serves what it cached and would miss other nodes' changes.
    private static final Duration IDLE_CHECK = Duration.ofSeconds(2);
    private static final int CHECK_TIMEOUT_SECONDS = 2;

    private final DatabaseSettings settings;
    private final Map<String, Consumer<String>> channels;
    /** The channels' names, for log lines. */
    private final String listened;
    private final Runnable onResync;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Connection connection;
    private volatile boolean listening;

    private ChangeListener(DatabaseSettings settings, Map<String, Consumer<String>> channels, Runnable onResync) {
        this.settings = settings;
        this.channels = Map.copyOf(channels);
        this.listened = String.join(", ", new TreeSet<>(channels.keySet()));
        this.onResync = onResync;
        this.thread = Thread.ofPlatform().name(APPLICATION_NAME).daemon().unstarted(this::run);
    }

    /**
     * Hears each channel of {@code channels} with its consumer. Returns once LISTEN is in place and
     * onResync has run, or throws if the first connection fails.
     */
    public static ChangeListener start(DatabaseSettings settings, Map<String, Consumer<String>> channels, Runnable onResync) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("Nothing to listen to");
        }
        for (String channel : channels.keySet()) {
            if (!IDENTIFIER.matcher(channel).matches()) {
                throw new IllegalArgumentException("Channel must be a lower-case SQL identifier: " + channel);
            }
        }
        ChangeListener listener = new ChangeListener(settings, channels, onResync);
        try {
            listener.connect();
            listener.resync();
        } catch (SQLException e) {
            listener.closeConnection();
            throw new IllegalStateException("Cannot LISTEN " + listener.listened + " on " + settings.jdbcUrl(), e);
        }
        listener.listening = true;
        listener.thread.start();
        return listener;
    }

    public boolean listening() {
        return listening;
    }

    /** Whatever ends this loop, an Error included, ends {@link #listening()}: caches then stop serving. */
    private void run() {
        try {
            listen();
        } finally {
            listening = false;
            closeConnection();
        }
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        boolean failing = false;
        while (!closed.get()) {
            try {
                if (connection == null) {
                    connect();
                    resync();
                    listening = true;
                    LOG.info("Listening on {} again", listened);
                    retry = FIRST_RETRY;
                    failing = false;
                }
                receive();
            } catch (SQLException e) {
                listening = false;
                closeConnection();
                if (closed.get()) {
                    break;
                }
                if (!failing) {
                    LOG.warn("Lost the connection listening on {}; reconnecting", listened, e);
                    failing = true;
                }
                if (!sleep(retry)) {
                    break;
                }
                retry = retry.multipliedBy(2);
                if (retry.compareTo(LONGEST_RETRY) > 0) {
                    retry = LONGEST_RETRY;
                }
            }
        }
    }

    private void connect() throws SQLException {
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        try (Statement s = c.createStatement()) {
            // Names the session so operators (and tests) can find it in pg_stat_activity.
            s.execute("SET application_name = '" + APPLICATION_NAME + "'");
            for (String name : channels.keySet()) {
                s.execute("LISTEN " + name);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connection = c;
    }

    /** Delivers what arrives within one poll; returns after it, so close() is noticed. */
    private void receive() throws SQLException {
        long idleSince = System.nanoTime();
        while (!closed.get()) {
            PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    deliver(n.getName(), n.getParameter());
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > IDLE_CHECK.toNanos()) {
                if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("The listening connection stopped answering");
                }
                idleSince = System.nanoTime();
            }
        }
    }

    private void deliver(String name, String payload) {
        Consumer<String> onChange = channels.get(name);
        if (onChange == null) {
            return;
        }
        try {
            onChange.accept(payload);
        } catch (RuntimeException e) {
            LOG.error("Handling change '{}' on {} failed", payload, name, e);
        }
    }

    /** Runs before {@link #listening()} turns true, so nothing cached before an outage is served after it. */
    private void resync() throws SQLException {
        try {
            onResync.run();
        } catch (RuntimeException e) {
            LOG.error("Resynchronising after listening on {} failed", listened, e);
            throw new SQLException("Resynchronising failed; listening again from the start", e);
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the listening connection failed", e);
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listening = false;
        thread.interrupt();
        try {
            // The thread notices within one poll and closes its own connection.
            thread.join(Duration.ofMillis(2 * POLL_MILLIS + 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The listener on {} did not stop in time; closing its connection", listened);
            closeConnection();
        }
    }
}
