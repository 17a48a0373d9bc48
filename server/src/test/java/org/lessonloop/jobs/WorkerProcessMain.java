package org.lessonloop.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseSettings;

/**
 * A worker JVM for {@link WorkerProcessTest}: runs jobs of one kind, one at a time, each working
 * until asked to stop (as a long ffmpeg run would), and prints "RUNNING id" when one starts.
 * Arguments: JDBC URL, user, password, kind, node id, lease seconds.
 */
public final class WorkerProcessMain {
    private WorkerProcessMain() {
    }

    public static void main(String[] args) {
        Database database = Database.open(new DatabaseSettings(args[0], args[1], args[2]), 4);
        JobHandler longJob = new JobHandler() {
            @Override
            public String kind() {
                return args[3];
            }

            @Override
            public void run(Job job, JobContext context) throws InterruptedException {
                System.out.println("RUNNING " + job.id());
                while (!context.stopRequested()) {
                    Thread.sleep(20);
                }
            }
        };
        Workers workers = new Workers(database.dsl(), Clock.systemUTC(), args[4], 1,
                Duration.ofSeconds(Long.parseLong(args[5])), List.of(longJob));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workers.close();
            database.close();
        }));
        workers.start();
        System.out.println("WORKER READY");
    }
}
