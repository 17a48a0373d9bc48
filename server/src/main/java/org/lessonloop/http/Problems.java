package org.lessonloop.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.lessonloop.problems.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler: every error leaves as RFC 9457 application/problem+json. */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final Duration LINGER = Duration.ofSeconds(2);

    private Problems() {
    }

    public static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ProblemException problem) {
            send(ctx, status(problem), problem.title(), problem.detail());
        } else if (failure instanceof Blocking.Overloaded) {
            ctx.response().putHeader("Retry-After", Integer.toString(Blocking.Overloaded.RETRY_AFTER_SECONDS));
            send(ctx, 503, "Server busy", "The server has more work than it can take on right now. Please try again in a moment.");
        } else if (Unavailable.of(failure).isPresent()) {
            Unavailable unavailable = Unavailable.of(failure).get();
            LOG.warn("{} {}: {} is not answering: {}", ctx.request().method(), ctx.request().path(), unavailable.what(),
                    failure.getMessage());
            ctx.response().putHeader("Retry-After", Integer.toString(Unavailable.RETRY_AFTER_SECONDS));
            send(ctx, 503, unavailable.title(), unavailable.detail());
        } else if (failure != null && !(failure instanceof io.vertx.ext.web.handler.HttpException)) {
            // ctx.fail(Throwable) reports 500 itself, so the cause, not the status, tells a bug apart.
            LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
            send(ctx, 500, "Unexpected error", "The server could not complete this request. It has been logged; please try again.");
        } else {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            send(ctx, status, titleFor(status), detailFor(status, ctx));
        }
    }

    /** The one place that knows the HTTP status of each kind of problem the features throw. */
    /** The HTTP status of a domain problem; also what the live channel reports in its error frames. */
    public static int status(ProblemException problem) {
        return switch (problem) {
            case ProblemException.Invalid p -> 400;
            case ProblemException.SignInRequired p -> 401;
            case ProblemException.Forbidden p -> 403;
            case ProblemException.NotFound p -> 404;
            case ProblemException.Conflict p -> 409;
            case ProblemException.Gone p -> 410;
            case ProblemException.PreconditionFailed p -> 412;
            case ProblemException.TooLarge p -> 413;
            case ProblemException.UnsupportedMediaType p -> 415;
            case ProblemException.RangeNotSatisfiable p -> 416;
            case ProblemException.Busy p -> 423; // Locked: tus clients retry it
            case ProblemException.TooManyRequests p -> 429;
            case ProblemException.ChecksumMismatch p -> 460; // tus checksum extension
            case ProblemException.Upstream p -> 502;
        };
    }

    public static void send(RoutingContext ctx, int status, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // Too late for a problem body: the best we can do is drop the connection.
            response.reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        if (!ctx.request().isEnded()) {
            // A refused request may still be sending a body nobody will read (a paused upload):
            // answer, then close, or a client writing a large body would wait forever.
            response.putHeader("Connection", "close");
            // Through the context: the response's own end handler is Vert.x Web's, which runs the others (the request log).
            ctx.addEndHandler(ended -> {
                if (ended.succeeded()) {
                    closeAfterLingering(ctx);
                }
            });
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    /**
     * Closing a connection with unread bytes resets it, and the client may then lose the answer it
     * was sent. So read and drop the rest of the body first, for a moment at most (a lingering close).
     */
    private static void closeAfterLingering(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long timer = ctx.vertx().setTimer(LINGER.toMillis(), ignored -> request.connection().close());
        request.handler(ignored -> { });
        request.endHandler(ignored -> {
            ctx.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Sign-in required";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Too large";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Unexpected error" : "Request failed";
        };
    }

    private static String detailFor(int status, RoutingContext ctx) {
        return switch (status) {
            case 404 -> "There is nothing at " + ctx.request().path() + ".";
            case 405 -> ctx.request().method() + " is not supported on " + ctx.request().path() + ".";
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 415 -> "Send the body as application/json.";
            case 400 -> "The request could not be read.";
            default -> "The request failed with status " + status + ".";
        };
    }
}
