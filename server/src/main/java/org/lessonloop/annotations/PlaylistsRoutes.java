package org.lessonloop.annotations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

public final class PlaylistsRoutes {
    private static final int MAX_CLIPS = 200;

    private final Playlists playlists;

    PlaylistsRoutes(Playlists playlists) {
        this.playlists = playlists;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/playlists").handler(this::list);
        api.post("/playlists").handler(json).handler(this::create);
        api.get("/playlists/:playlistId").handler(this::get);
        api.patch("/playlists/:playlistId").handler(json).handler(this::update);
        api.delete("/playlists/:playlistId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(playlists.list(me).stream().map(PlaylistsRoutes::summary).toList()));
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "title", "clipIds");
        String title = body.requiredString("title", 200);
        List<UUID> clipIds = body.idList("clipIds", MAX_CLIPS);
        Responses.json(ctx, 201, () -> toJson(playlists.create(me, title, clipIds)));
    }

    private void get(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID playlistId = Ids.pathParam(ctx, "playlistId");
        Responses.json(ctx, 200, () -> toJson(playlists.get(me, playlistId)));
    }

    /** A new title, a new order (or set) of clips, or both. */
    private void update(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID playlistId = Ids.pathParam(ctx, "playlistId");
        JsonBody body = JsonBody.read(ctx, "title", "clipIds");
        Optional<String> title = body.has("title") ? Optional.of(body.requiredString("title", 200)) : Optional.empty();
        Optional<List<UUID>> clipIds = body.has("clipIds") ? Optional.of(body.idList("clipIds", MAX_CLIPS)) : Optional.empty();
        Responses.json(ctx, 200, () -> toJson(playlists.update(me, playlistId, title, clipIds)));
    }

    private void delete(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID playlistId = Ids.pathParam(ctx, "playlistId");
        Responses.json(ctx, 204, () -> {
            playlists.delete(me, playlistId);
            return null;
        });
    }

    private static JsonObject summary(PlaylistRepository.Playlist p) {
        return new JsonObject()
                .put("id", p.id().toString())
                .put("ownerId", p.ownerId().toString())
                .put("teacherId", p.teacherId().toString())
                .put("title", p.title())
                .put("createdAt", p.createdAt().toString())
                .put("updatedAt", p.updatedAt().toString());
    }

    private static JsonObject toJson(Playlists.Playlist p) {
        return summary(p.playlist()).put("clips", new JsonArray(p.clips().stream().map(AnnotationJson::clip).toList()));
    }
}
