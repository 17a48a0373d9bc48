package org.lessonloop.cli;

import java.util.concurrent.Callable;
import org.lessonloop.accounts.PasswordHasher;
import org.lessonloop.accounts.ResetPassword;
import org.lessonloop.accounts.SessionRepository;
import org.lessonloop.accounts.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The operator's escape hatch into a locked-out account. */
@Command(name = "reset-password", mixinStandardHelpOptions = true,
        description = "Sets a new password for an account, read from standard input, and signs the account out everywhere.")
final class ResetPasswordCommand implements Callable<Integer> {
    @ParentCommand
    private AdminCommand admin;
    @Spec
    private CommandSpec spec;
    @Option(names = "--email", required = true, description = "the account's email")
    private String email;

    @Override
    public Integer call() {
        String password = admin.readSecret(spec.commandLine().getErr(), "New password for " + email);
        var backends = admin.backends();
        var db = backends.db();
        var reset = new ResetPassword(new UserRepository(db), new SessionRepository(db),
                new PasswordHasher(backends.config().accounts().passwordIterations()));
        var done = reset.reset(email, password);
        spec.commandLine().getOut().println("Set a new password for " + done.user().email() + " and ended "
                + done.sessionsEnded() + " session(s).");
        return 0;
    }
}
