package org.lessonloop.annotations;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.goals.Goals;
import org.lessonloop.mail.Notifications;

/** Wires the review features (tag sets, comments, clips, playlists, timeline, evidence, exports) and mounts their routes. */
public final class AnnotationsFeature implements Feature {
    /** Encoded timelines are ~0.5 KiB a comment: this holds thousands of busy recordings. */
    private static final long TIMELINE_CACHE_BYTES = 64L << 20;
    /** Recordings whose facts (owner, organization, title, duration) are kept: a few MiB. */
    private static final long CACHED_RECORDINGS = 50_000;

    private final TagSetsRoutes tagSets;
    private final CommentsRoutes comments;
    private final ClipsRoutes clips;
    private final PlaylistsRoutes playlists;
    private final TimelineRoutes timeline;
    private final TimelineDocuments documents;
    private final Clips clipCases;
    private final Comments commentCases;
    private final Playlists playlistCases;

    public AnnotationsFeature(Platform platform, AccessPolicy policy, Goals goals, AuditLog audit, Notifications notifications) {
        var db = platform.db();
        var changes = platform.changes();
        var events = platform.events();
        CoherentCache<UUID, UUID, Buffer> timelineCache = changes.cache("review", UUID::fromString, TIMELINE_CACHE_BYTES, 512, Buffer::length);
        var annotations = new AnnotationRepository(db);
        var commentRepository = new CommentRepository(db);
        var clipRepository = new ClipRepository(db);
        var checks = new AnnotationChecks(annotations, goals, policy,
                changes.cache("recording", UUID::fromString, CACHED_RECORDINGS, 1, recording -> 1));
        this.tagSets = new TagSetsRoutes(new TagSets(new TagSetRepository(db)));
        this.commentCases = new Comments(commentRepository, checks, events, timelineCache, notifications);
        this.comments = new CommentsRoutes(commentCases);
        this.clipCases = new Clips(clipRepository, annotations, checks, events, timelineCache);
        this.clips = new ClipsRoutes(clipCases);
        this.playlistCases = new Playlists(new PlaylistRepository(db), clipRepository, annotations, checks);
        this.playlists = new PlaylistsRoutes(playlistCases);
        var timelineCases = new Timeline(commentRepository, clipRepository, annotations, checks, timelineCache);
        this.documents = new TimelineDocuments(timelineCases);
        this.timeline = new TimelineRoutes(timelineCases, new GoalEvidence(goals, commentRepository, clipRepository, annotations), audit);
    }

    /** Whole timelines as documents, for a teacher's takeout. */
    public TimelineDocuments documents() {
        return documents;
    }

    /** Clips, for features that work on them (exporting one to MP4). */
    public Clips clips() {
        return clipCases;
    }

    /** Comments, for features that write them elsewhere (a debrief room). */
    public Comments comments() {
        return commentCases;
    }

    /** Clip playlists, for the debriefs played from one. */
    public Playlists playlists() {
        return playlistCases;
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        tagSets.mount(api, json);
        comments.mount(api, json);
        clips.mount(api, json);
        playlists.mount(api, json);
        timeline.mount(api);
    }
}
