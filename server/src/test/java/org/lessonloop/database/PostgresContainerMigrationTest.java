package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Containers;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The migrations against a stock PostgreSQL image, as docker compose runs it. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerMigrationTest {

    @Test
    void theMigrationsBuildTheWholeSchemaOnAStockPostgres() {
        try (Database db = Database.open(Containers.freshDatabase(), 2)) {
            int tables = db.dsl().fetchCount(db.dsl().select().from("information_schema.tables")
                    .where("table_schema = 'public' and table_name in ('users','recordings','uploads','recording_shares','sessions')"));
            assertEquals(5, tables);
        }
    }
}
