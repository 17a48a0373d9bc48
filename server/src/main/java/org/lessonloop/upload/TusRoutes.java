package org.lessonloop.upload;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.Ids;
import org.lessonloop.problems.ProblemException;

/**
 * tus 1.0.0 resumable uploads (https://tus.io/protocols/resumable-upload): core, creation,
 * creation-with-upload, termination, expiration and checksum. Works with tus-js-client as it is.
 */
public final class TusRoutes {
    static final String VERSION = "1.0.0";
    private static final String OCTET_STREAM = "application/offset+octet-stream";
    private static final String EXTENSIONS = "creation,creation-with-upload,termination,expiration,checksum";
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Uploads uploads;

    public TusRoutes(Uploads uploads) {
        this.uploads = uploads;
    }

    public void mount(Router api) {
        api.route("/uploads*").handler(this::tusHeaders);
        api.options("/uploads").handler(this::options);
        api.options("/uploads/:uploadId").handler(this::options);
        api.post("/uploads").handler(this::create);
        api.head("/uploads/:uploadId").handler(this::head);
        api.patch("/uploads/:uploadId").handler(this::patch);
        api.delete("/uploads/:uploadId").handler(this::terminate);
    }

    /**
     * Every tus response, errors included, carries Tus-Resumable; requests must speak 1.0.0.
     * Clients that cannot send PATCH or DELETE send POST with X-HTTP-Method-Override (tus core).
     */
    private void tusHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Tus-Resumable", VERSION);
        String override = ctx.request().getHeader("X-HTTP-Method-Override");
        if (override != null && ctx.request().method() == HttpMethod.POST && !ctx.request().path().endsWith("/uploads")) {
            HttpMethod method = switch (override.strip().toUpperCase(java.util.Locale.ROOT)) {
                case "PATCH" -> HttpMethod.PATCH;
                case "DELETE" -> HttpMethod.DELETE;
                case "HEAD" -> HttpMethod.HEAD;
                default -> throw ProblemException.invalid("X-HTTP-Method-Override must be PATCH, DELETE or HEAD.");
            };
            ctx.request().headers().remove("X-HTTP-Method-Override");
            ctx.reroute(method, ctx.request().path());
            return;
        }
        String version = ctx.request().getHeader("Tus-Resumable");
        if (!"OPTIONS".equals(ctx.request().method().name()) && !VERSION.equals(version)) {
            ctx.response().putHeader("Tus-Version", VERSION);
            throw new ProblemException.PreconditionFailed("Unsupported tus version", "Send the header Tus-Resumable: " + VERSION + ".");
        }
        ctx.next();
    }

    private void options(RoutingContext ctx) {
        ctx.response()
                .putHeader("Tus-Version", VERSION)
                .putHeader("Tus-Extension", EXTENSIONS)
                .putHeader("Tus-Max-Size", Long.toString(uploads.maxFileBytes()))
                .putHeader("Tus-Checksum-Algorithm", String.join(",", ChecksumHeader.ALGORITHMS.keySet().stream().sorted().toList()))
                .setStatusCode(204)
                .end();
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        if (ctx.request().getHeader("Upload-Defer-Length") != null) {
            throw ProblemException.invalid("Upload-Defer-Length is not supported: send Upload-Length.");
        }
        long length = headerNumber(ctx, "Upload-Length");
        TusMetadata metadata = TusMetadata.parse(ctx.request().getHeader("Upload-Metadata"));
        boolean withBody = hasBody(ctx);
        if (withBody) {
            requireOctetStream(ctx);
        }
        Optional<ChecksumHeader> checksum = ChecksumHeader.parse(ctx.request().getHeader("Upload-Checksum"));
        Blocking.call(() -> uploads.create(me, length, metadata)).onSuccess(upload -> {
            ctx.response().setStatusCode(201)
                    .putHeader("Location", "/api/uploads/" + upload.id())
                    .putHeader("Upload-Expires", httpDate(upload.expiresAt()));
            if (withBody) {
                // creation-with-upload: the body is the first chunk; a failure in it still leaves a created upload.
                receive(ctx, me, upload.id(), 0, checksum, 201);
            } else {
                ctx.response().end();
            }
        }).onFailure(ctx::fail);
    }

    private void head(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "uploadId");
        Blocking.call(() -> uploads.status(me, id)).onSuccess(upload -> ctx.response()
                .putHeader("Upload-Offset", Long.toString(upload.offset()))
                .putHeader("Upload-Length", Long.toString(upload.length()))
                .putHeader("Upload-Metadata", upload.metadata() == null ? "" : upload.metadata())
                .putHeader("Upload-Expires", httpDate(upload.expiresAt()))
                .putHeader("Cache-Control", "no-store")
                .setStatusCode(200)
                .end()).onFailure(ctx::fail);
    }

    private void patch(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "uploadId");
        requireOctetStream(ctx);
        long offset = headerNumber(ctx, "Upload-Offset");
        Optional<ChecksumHeader> checksum = ChecksumHeader.parse(ctx.request().getHeader("Upload-Checksum"));
        receive(ctx, me, id, offset, checksum, 204);
    }

    private void receive(RoutingContext ctx, CurrentUser me, UUID id, long offset, Optional<ChecksumHeader> checksum, int status) {
        long declaredLength = declaredLength(ctx);
        // A busy node refuses a new body (tus clients retry); one already arriving goes on whatever the load.
        Blocking.requireCapacity();
        var body = new RequestBodyStream(ctx.request(), Vertx.currentContext(), IDLE_TIMEOUT);
        Blocking.transfer(() -> uploads.receive(me, id, offset, declaredLength, checksum, body)).onSuccess(outcome -> {
            HttpServerResponse response = ctx.response();
            if (response.closed()) {
                return;
            }
            response.setStatusCode(status)
                    .putHeader("Upload-Offset", Long.toString(outcome.offset()))
                    .putHeader("Upload-Expires", httpDate(outcome.expiresAt()));
            if (outcome.interruption().isPresent()) {
                // The body stopped early but what arrived is stored; the client resumes from Upload-Offset.
                response.putHeader("Connection", "close");
            }
            response.end();
        }).onFailure(ctx::fail);
    }

    private void terminate(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "uploadId");
        Blocking.call(() -> {
            uploads.terminate(me, id);
            return null;
        }).onSuccess(ignored -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private static long declaredLength(RoutingContext ctx) {
        try {
            String length = ctx.request().getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Content-Length must be a whole number.");
        }
    }

    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return length != null ? !length.equals("0") : ctx.request().getHeader("Transfer-Encoding") != null;
    }

    private static void requireOctetStream(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.startsWith(OCTET_STREAM)) {
            throw ProblemException.unsupportedMediaType("tus bodies must be sent as Content-Type: " + OCTET_STREAM + ".");
        }
    }

    private static long headerNumber(RoutingContext ctx, String name) {
        String value = ctx.request().getHeader(name);
        if (value == null) {
            throw ProblemException.invalid("The " + name + " header is required.");
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name + " must be a non-negative whole number of bytes.");
        }
    }

    private static String httpDate(OffsetDateTime time) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
