package org.lessonloop.observability;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request once its response ends (or its connection drops): request id, method,
 * path, status, duration, bytes each way and the signed-in user's id. Never a query string, a header
 * or a body: those carry tokens, titles and comments. A path outside the plain characters of our own
 * URLs (ids, file names) is withheld: a mistyped URL could hold an email address.
 */
final class RequestLog implements Handler<RoutingContext> {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._-]{1,300}");
    /** A proxy's id is kept so a request can be followed through it; anything else gets one of ours. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String given = ctx.request().getHeader(REQUEST_ID);
        String id = given != null && PLAIN_ID.matcher(given).matches() ? given
                : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ctx.response().putHeader(REQUEST_ID, id);
        ctx.addEndHandler(ended -> log(ctx, id, started, ended.succeeded()));
        ctx.next();
    }

    private static void log(RoutingContext ctx, String id, long started, boolean completed) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        String path = ctx.request().path();
        String shown = path != null && PLAIN_PATH.matcher(path).matches() ? path : "(withheld)";
        String user = SessionAuthHandler.currentUser(ctx).map(CurrentUser::id).map(Object::toString).orElse("-");
        int status = completed ? ctx.response().getStatusCode() : 0;
        LOG.atInfo()
                .setMessage("{} {} {} in {} ms, {} B in, {} B out, request {}, user {}")
                .addArgument(ctx.request().method())
                .addArgument(shown)
                .addArgument(completed ? status : "cut (connection closed)")
                .addArgument(millis)
                .addArgument(ctx.request().bytesRead())
                .addArgument(ctx.response().bytesWritten())
                .addArgument(id)
                .addArgument(user)
                .addKeyValue("requestId", id)
                .addKeyValue("method", ctx.request().method().name())
                .addKeyValue("path", shown)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", millis)
                .addKeyValue("userId", user)
                .log();
    }
}
