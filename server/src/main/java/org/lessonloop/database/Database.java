package org.lessonloop.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The connection pool and the jOOQ entry point; migrates the schema when opened. */
public final class Database implements AutoCloseable {
    static {
        // jOOQ prints a banner and a "tip of the day" otherwise.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    public static Database open(DatabaseSettings settings, int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.jdbcUrl());
        hikari.setUsername(settings.user());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(poolSize);
        // While the database is away a request waits this long for a connection, then gets its 503:
        // Hikari's 30 s default left requests hanging through a whole restart.
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setPoolName("lessonloop");
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Throws unless PostgreSQL answers a query now. */
    public void ping() {
        dsl.selectOne().fetch();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Publishes the pool's use (active, idle, pending connections, acquire times) as hikaricp_* meters;
     * HikariCP allows this once, on a running pool.
     */
    public void measure(io.micrometer.core.instrument.MeterRegistry registry) {
        dataSource.setMetricRegistry(registry);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
