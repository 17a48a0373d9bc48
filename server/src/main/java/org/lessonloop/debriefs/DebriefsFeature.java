package org.lessonloop.debriefs;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.Sessions;
import org.lessonloop.annotations.Comments;
import org.lessonloop.annotations.Playlists;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.goals.Goals;
import org.lessonloop.live.OriginCheck;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * Live debriefs (issue 13): rooms where a teacher and a coach watch a recording or a playlist's
 * clips in step, point, draw and comment, and end with next steps on the teacher's goal. The
 * state is in PostgreSQL; each node relays a room's messages to its own participants over the
 * event bus (clustered when several nodes run).
 */
public final class DebriefsFeature implements Feature {
    private final DebriefsRoutes routes;

    public DebriefsFeature(Platform platform, AccessPolicy policy, Sessions sessions, RecordingLifecycle recordings, Comments comments,
                           Playlists playlists, Goals goals) {
        var rooms = new DebriefRepository(platform.db());
        var debriefs = new Debriefs(rooms, policy, recordings, playlists);
        var actions = new RoomActions(debriefs, rooms, comments, goals);
        var presence = new Presence(new PresenceRepository(platform.db()), rooms);
        var sockets = new RoomSockets(platform.vertx(), debriefs, actions, presence, policy, sessions, platform.clock(),
                RoomSockets.Limits.STANDARD);
        this.routes = new DebriefsRoutes(debriefs, actions, sockets, new OriginCheck(platform.config().publicUrl()));
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api, json);
    }
}
