package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The migrations against a stock PostgreSQL image, as docker compose runs it. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerMigrationTest {

    @Container
    private static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:17-alpine");

    @Test
    void theMigrationsBuildTheWholeSchemaOnAStockPostgres() {
        try (Database db = Database.open(new DatabaseSettings(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword()), 2)) {
            int tables = db.dsl().fetchCount(db.dsl().select().from("information_schema.tables")
                    .where("table_schema = 'public' and table_name in ('users','recordings','uploads','recording_shares','sessions')"));
            assertEquals(5, tables);
        }
    }
}
