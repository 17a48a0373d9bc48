package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.Ids;
import org.lessonloop.http.Responses;
import org.lessonloop.media.delivery.MediaStreamer;
import org.lessonloop.storage.ObjectStore;

/** Ask for a clip's MP4, follow its progress, download it. */
public final class ClipExportRoutes {
    private final ClipExports exports;
    private final ObjectStore store;

    public ClipExportRoutes(ClipExports exports, ObjectStore store) {
        this.exports = exports;
        this.store = store;
    }

    public void mount(Router api) {
        api.post("/clips/:clipId/export").handler(this::request);
        api.get("/clips/:clipId/export").handler(this::status);
        api.get("/clips/:clipId/export.mp4").handler(this::download);
    }

    private void request(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID clipId = Ids.pathParam(ctx, "clipId");
        Responses.json(ctx, 202, () -> toJson(exports.request(me, clipId)));
    }

    private void status(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID clipId = Ids.pathParam(ctx, "clipId");
        Responses.json(ctx, 200, () -> toJson(exports.status(me, clipId)));
    }

    private void download(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID clipId = Ids.pathParam(ctx, "clipId");
        Blocking.call(() -> {
            ClipExports.Download download = exports.download(me, clipId);
            return new Opened(download, store.get(download.objectKey()));
        }).compose(opened -> {
            ctx.response()
                    .putHeader("Content-Type", "video/mp4")
                    .putHeader("Content-Encoding", "identity")
                    .putHeader("Cache-Control", "private, no-store")
                    .putHeader("Content-Disposition", attachment(opened.download().title()));
            return MediaStreamer.send(ctx.response(), opened.in(), opened.download().size());
        }).onFailure(e -> {
            if (e instanceof MediaStreamer.PlayerGone) {
                ctx.response().reset();
            } else if (!ctx.response().headWritten()) {
                ctx.fail(e);
            } else {
                ctx.response().reset();
            }
        });
    }

    private record Opened(ClipExports.Download download, java.io.InputStream in) {
    }

    /** RFC 6266: an ASCII fallback name, and the clip's own title in UTF-8 (RFC 8187) for browsers that read it. */
    static String attachment(String title) {
        String ascii = title.replaceAll("[^A-Za-z0-9 ._-]", "_").strip();
        String encoded = URLEncoder.encode(title, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + (ascii.isEmpty() ? "clip" : ascii) + ".mp4\"; filename*=UTF-8''" + encoded + ".mp4";
    }

    private static JsonObject toJson(ClipExport export) {
        return new JsonObject()
                .put("clipId", export.clipId().toString())
                .put("status", export.status().code())
                .put("startMs", export.startMs())
                .put("endMs", export.endMs())
                .put("size", export.size().orElse(null))
                .put("reason", export.reason().orElse(null))
                .put("download", export.status() == ClipExport.Status.READY ? "/api/clips/" + export.clipId() + "/export.mp4" : null);
    }
}
