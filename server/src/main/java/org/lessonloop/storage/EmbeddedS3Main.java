package org.lessonloop.storage;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded S3 server on its own, for benchmarks that compare uploads through Lessonloop with
 * direct uploads to the same endpoint: {@code java -cp lessonloop.jar
 * org.lessonloop.storage.EmbeddedS3Main DIR PORT ACCESS_KEY SECRET_KEY}. Stops on SIGTERM.
 */
public final class EmbeddedS3Main {
    private EmbeddedS3Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: EmbeddedS3Main DIR PORT ACCESS_KEY SECRET_KEY");
            System.exit(2);
        }
        EmbeddedS3 s3 = EmbeddedS3.start(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3]);
        try (ObjectStore store = ObjectStore.connect(s3.settings())) {
            store.ensureBucket();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s3.close();
            stopped.countDown();
        }));
        System.out.println("S3 ready on " + s3.settings().endpoint());
        stopped.await();
    }
}
