package org.lessonloop;

import org.lessonloop.config.ConfigException;
import org.lessonloop.config.LessonloopConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the environment, starts the application, stops it cleanly on SIGTERM; {@code admin ...} runs the operator's command line instead. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(org.lessonloop.cli.AdminCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        LessonloopConfig config;
        try {
            config = LessonloopConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Application app;
        try {
            app = Application.start(config);
        } catch (RuntimeException e) {
            // A half-started server (database up, no workers) must not linger as if it were running.
            LOG.error("Lessonloop could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "lessonloop-shutdown"));
        if (config.role().servesHttp()) {
            LOG.info("Lessonloop listening on http://{}:{}", config.httpHost(), app.port());
        } else {
            LOG.info("Lessonloop worker started; health and metrics on http://{}:{}", config.httpHost(), app.port());
        }
    }
}
