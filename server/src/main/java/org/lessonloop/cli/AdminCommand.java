package org.lessonloop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.lessonloop.config.ConfigException;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar lessonloop.jar admin <command>}: the operator's chores, run against the database
 * and storage the same LESSONLOOP_* variables name as for the server. Secrets are read from
 * standard input, never from arguments (which other users of the machine see in the process list).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operator commands over the database and storage that the LESSONLOOP_* variables name, as for the server.",
        subcommands = {CreateAdminCommand.class, ResetPasswordCommand.class, JobsCommand.class, PurgeCommand.class,
                CheckStorageCommand.class})
public final class AdminCommand {
    /** A command that ran but found or hit a problem. Usage errors are picocli's 2. */
    static final int FAILED = 1;
    static final int BAD_CONFIGURATION = 2;

    private final Map<String, String> env;
    private final BufferedReader stdin;
    private final Clock clock = Clock.systemUTC();
    private Backends backends;

    private AdminCommand(Map<String, String> env, BufferedReader stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    /** From {@code Main}: the process's environment, standard input and output. */
    public static int main(String[] args) {
        var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return run(args, System.getenv(), stdin, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, Map<String, String> env, BufferedReader stdin, PrintWriter out, PrintWriter err) {
        AdminCommand admin = new AdminCommand(env, stdin);
        try {
            return new CommandLine(admin)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setOut(out)
                    .setErr(err)
                    .setExecutionExceptionHandler((e, cli, parsed) -> {
                        cli.getErr().println(message(e));
                        return e instanceof ConfigException ? BAD_CONFIGURATION : FAILED;
                    })
                    .execute(args);
        } finally {
            if (admin.backends != null) {
                admin.backends.close();
            }
        }
    }

    Backends backends() {
        if (backends == null) {
            backends = new Backends(LessonloopConfig.from(env));
        }
        return backends;
    }

    Clock clock() {
        return clock;
    }

    /** One line of standard input, for a password: typed at a prompt or piped from a secrets file. */
    String readSecret(PrintWriter prompt, String what) {
        prompt.print(what + ": ");
        prompt.flush();
        try {
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                throw ProblemException.invalid("No " + what + " on standard input.");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String message(Exception e) {
        return switch (e) {
            case ProblemException p -> p.getMessage();
            case ConfigException c -> c.getMessage();
            case StorageException s -> "Object storage failed: " + s.getMessage() + (s.getCause() == null ? "" : " (" + s.getCause() + ")");
            default -> "Failed: " + e;
        };
    }
}
