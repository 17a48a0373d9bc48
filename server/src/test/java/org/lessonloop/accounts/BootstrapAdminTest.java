package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lessonloop.db.Tables.ORGANIZATIONS;
import static org.lessonloop.db.Tables.USERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.testing.TestDatabase;

/** First run on an empty database: nodes that start together with the bootstrap environment. */
class BootstrapAdminTest {
    private static final int NODES = 4;

    @Test
    void nodesBootstrappingAtOnceCreateOneAdminAndOneOrganizationAndAllStart() throws Exception {
        DatabaseSettings settings = TestDatabase.fresh();
        List<Database> nodes = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(NODES);
        try {
            for (int i = 0; i < NODES; i++) {
                nodes.add(Database.open(settings, 2));
            }
            CyclicBarrier together = new CyclicBarrier(NODES);
            List<Future<Optional<User>>> outcomes = new ArrayList<>();
            for (Database node : nodes) {
                UserRepository users = new UserRepository(node.dsl());
                BootstrapAdmin bootstrap = new BootstrapAdmin(users, new CreateUser(users, new PasswordHasher(1000), PasswordPolicy.standard()));
                outcomes.add(threads.submit(() -> {
                    together.await();
                    return bootstrap.ensureAdmin("first.admin@school.test", "a long enough password");
                }));
            }

            int created = 0;
            for (Future<Optional<User>> outcome : outcomes) {
                created += outcome.get().isPresent() ? 1 : 0; // throws if that node's bootstrap failed
            }
            var db = nodes.get(0).dsl();
            assertEquals(1, created, "nodes that created the admin");
            assertEquals(1, db.fetchCount(USERS), "users");
            assertEquals(1, db.fetchCount(ORGANIZATIONS), "organizations");
        } finally {
            threads.shutdownNow();
            nodes.forEach(Database::close);
        }
    }
}
