package org.lessonloop.media.delivery;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.UUID;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.config.LessonloopConfig.MediaDelivery;
import org.lessonloop.config.MediaDeliveryMode;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.Ids;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.ObjectStore.StoredObject;

/**
 * A recording's processed media for the player (hls.js): playlists, segments, poster, thumbnail
 * sprites and their WebVTT, waveform peaks. GET and HEAD, single byte ranges, ETag revalidation;
 * access is checked on every request (the session cookie suffices: these requests change nothing).
 */
public final class MediaRoutes {
    private static final String MEDIA = "/media/";

    private final MediaFiles files;
    private final MediaDelivery delivery;

    public MediaRoutes(AccessPolicy policy, ObjectStore store, AuditLog audit, Clock clock, MediaDelivery delivery) {
        this.files = new MediaFiles(policy, store, new ViewAudit(audit, clock));
        this.delivery = delivery;
    }

    public void mount(Router api) {
        // The playback start, listed on its own in the API contract; both routes serve alike.
        api.route("/recordings/:recordingId/media/" + MediaPath.MASTER).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::serve);
        api.route("/recordings/:recordingId/media/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        MediaPath path = MediaPath.parse(recordingId, requestedName(ctx));
        boolean head = ctx.request().method() == HttpMethod.HEAD;
        Blocking.call(() -> files.find(me, path, !head))
                .onSuccess(object -> {
                    if (redirects(path)) {
                        redirect(ctx, path);
                    } else {
                        answer(ctx, path, object, head);
                    }
                })
                .onFailure(ctx::fail);
    }

    /**
     * The file name exactly as sent. The router matched a normalised path, so a request whose raw
     * path differs (dot segments, percent-encoded characters) is refused rather than reinterpreted.
     */
    private static String requestedName(RoutingContext ctx) {
        String raw = ctx.request().path();
        if (!raw.equals(ctx.normalizedPath())) {
            throw MediaPath.missing();
        }
        return raw.substring(raw.indexOf(MEDIA) + MEDIA.length());
    }

    /**
     * Manifests stay behind the server so that each playlist fetch is checked. Trade-off of
     * REDIRECT: a presigned URL already handed out keeps working for its TTL after a revoke.
     */
    private boolean redirects(MediaPath path) {
        return delivery.mode() == MediaDeliveryMode.REDIRECT && !path.type().isManifest();
    }

    private void redirect(RoutingContext ctx, MediaPath path) {
        Blocking.call(() -> files.presignedUrl(path, delivery.redirectTtl()))
                .onSuccess(url -> ctx.response()
                        .putHeader("Location", url)
                        .putHeader("Cache-Control", "private, no-store")
                        .setStatusCode(302)
                        .end())
                .onFailure(ctx::fail);
    }

    private void answer(RoutingContext ctx, MediaPath path, StoredObject object, boolean head) {
        String etag = EntityTags.of(object.etag());
        HttpServerResponse response = ctx.response()
                .putHeader("ETag", etag)
                .putHeader("Cache-Control", path.type().cacheControl())
                .putHeader("Accept-Ranges", "bytes");
        if (EntityTags.noneMatchFails(ctx.request().getHeader("If-None-Match"), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        ByteRange.Selection selection = EntityTags.rangeStillValid(ctx.request().getHeader("If-Range"), etag)
                ? ByteRange.parse(ctx.request().getHeader("Range"), object.size())
                : new ByteRange.Whole();
        if (selection instanceof ByteRange.Unsatisfiable) {
            response.putHeader("Content-Range", "bytes */" + object.size());
            ctx.fail(new ProblemException.RangeNotSatisfiable(
                    "This file has " + object.size() + " bytes; ask for a range that starts inside it."));
            return;
        }
        ByteRange.Part part = selection instanceof ByteRange.Part p ? p : new ByteRange.Part(0, object.size() - 1);
        if (head) {
            describe(response, path, object, selection, part);
            response.putHeader("Content-Length", Long.toString(part.length())).end();
            return;
        }
        Blocking.call(() -> files.open(object, part.first(), part.length()))
                .compose(in -> {
                    describe(response, path, object, selection, part);
                    return MediaStreamer.send(response, in, part.length());
                })
                .onFailure(e -> {
                    if (e instanceof MediaStreamer.PlayerGone) {
                        response.reset();
                    } else if (!response.closed()) {
                        ctx.fail(e);
                    }
                });
    }

    private static void describe(HttpServerResponse response, MediaPath path, StoredObject object,
                                 ByteRange.Selection selection, ByteRange.Part part) {
        // Media is already compressed, and compressing on the fly would break byte ranges.
        response.putHeader("Content-Type", path.type().contentType()).putHeader("Content-Encoding", "identity");
        if (selection instanceof ByteRange.Part) {
            response.setStatusCode(206).putHeader("Content-Range", part.contentRange(object.size()));
        }
    }
}
