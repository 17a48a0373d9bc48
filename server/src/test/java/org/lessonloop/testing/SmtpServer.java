package org.lessonloop.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a free loopback port, for the server under test to mail
 * through; it can stop and start again on the same port, as an outage would.
 */
public final class SmtpServer implements AutoCloseable {
    public static final String PUBLIC_URL = "https://lessonloop.school.test";
    public static final String FROM = "Lessonloop <lessonloop@school.test>";
    private static final Pattern INVITATION = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/invitation#([A-Za-z0-9_-]+)");

    private final int port;
    private GreenMail greenMail;

    private SmtpServer(int port) {
        this.port = port;
    }

    /** Started and taking mail. */
    public static SmtpServer start() {
        SmtpServer server = new SmtpServer(freePort());
        server.startAgain();
        return server;
    }

    /** A port nothing listens on yet: mail sent there fails until {@link #startAgain()}. */
    public static SmtpServer notStarted() {
        return new SmtpServer(freePort());
    }

    public void startAgain() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** The server's environment for mailing through this SMTP server; links in mails lead to {@link #PUBLIC_URL}. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LESSONLOOP_SMTP_HOST", "127.0.0.1");
        env.put("LESSONLOOP_SMTP_PORT", Integer.toString(port));
        env.put("LESSONLOOP_SMTP_FROM", FROM);
        env.put("LESSONLOOP_SMTP_STARTTLS", "disabled");
        env.put("LESSONLOOP_PUBLIC_URL", PUBLIC_URL);
        return env;
    }

    /** One received mail, decoded. */
    public record Received(List<String> to, String subject, String text, String html) {
        /** The token of the invitation link in the mail. */
        public String invitationToken() {
            Matcher link = INVITATION.matcher(text);
            if (!link.find()) {
                throw new IllegalStateException("No invitation link in: " + text);
            }
            return link.group(1);
        }
    }

    public List<Received> all() {
        if (greenMail == null) {
            return List.of();
        }
        return Arrays.stream(greenMail.getReceivedMessages()).map(SmtpServer::decode).toList();
    }

    public List<Received> to(String address) {
        return all().stream().filter(m -> m.to().contains(address)).toList();
    }

    /** Waits (up to {@code wait}) until {@code address} has received {@code count} mails; returns what it has then. */
    public List<Received> await(String address, int count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Received> got = to(address);
        while (got.size() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            got = to(address);
        }
        return got;
    }

    public List<Received> await(String address, int count) {
        return await(address, count, Duration.ofSeconds(15));
    }

    /** Invites a person by mail, opens the mailed link and sets their password: their signed-in client. */
    public ApiClient invitedAndActivated(ApiClient admin, String email, String name, String role, String password) {
        ApiResponse invited = admin.postJson("/api/users", new JsonObject().put("email", email).put("displayName", name).put("role", role));
        if (invited.status() != 201) {
            throw new IllegalStateException("Could not invite " + email + ": " + invited);
        }
        int before = to(email).size();
        List<Received> mails = await(email, before + 1);
        if (mails.size() <= before) {
            throw new IllegalStateException("No invitation mail reached " + email);
        }
        return People.accept(admin.base(), mails.get(mails.size() - 1).invitationToken(), password);
    }

    private static Received decode(MimeMessage message) {
        try {
            List<String> to = Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
            String text = "";
            String html = "";
            Object content = message.getContent();
            if (content instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    } else if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    }
                }
            } else {
                text = String.valueOf(content);
            }
            return new Received(to, message.getSubject(), text, html);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI publicUrl() {
        return URI.create(PUBLIC_URL);
    }

    @Override
    public void close() {
        stop();
    }
}
