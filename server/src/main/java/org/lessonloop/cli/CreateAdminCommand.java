package org.lessonloop.cli;

import java.util.concurrent.Callable;
import org.lessonloop.accounts.BootstrapAdmin;
import org.lessonloop.accounts.CreateUser;
import org.lessonloop.accounts.PasswordHasher;
import org.lessonloop.accounts.PasswordPolicy;
import org.lessonloop.accounts.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The first administrator, as LESSONLOOP_BOOTSTRAP_ADMIN_* would make at a start, without a password in the environment. */
@Command(name = "create-admin", mixinStandardHelpOptions = true,
        description = "Creates the first administrator (and the organization) while there is none; later accounts are made "
                + "by administrators. Reads the password (12 characters or more) from standard input.")
final class CreateAdminCommand implements Callable<Integer> {
    @ParentCommand
    private AdminCommand admin;
    @Spec
    private CommandSpec spec;
    @Option(names = "--email", required = true, description = "the administrator's email, their sign-in name")
    private String email;

    @Override
    public Integer call() {
        String password = admin.readSecret(spec.commandLine().getErr(), "Password for " + email);
        var backends = admin.backends();
        var users = new UserRepository(backends.db());
        var createUser = new CreateUser(users, new PasswordHasher(backends.config().accounts().passwordIterations()), PasswordPolicy.standard());
        var out = spec.commandLine().getOut();
        return new BootstrapAdmin(users, createUser).ensureAdmin(email, password).map(created -> {
            out.println("Created the administrator " + created.email() + " (" + created.id() + "); sign in with that email and password.");
            return 0;
        }).orElseGet(() -> {
            spec.commandLine().getErr().println("An administrator exists already, who creates further accounts. "
                    + "To get back into an account use: admin reset-password --email <email>");
            return AdminCommand.FAILED;
        });
    }
}
