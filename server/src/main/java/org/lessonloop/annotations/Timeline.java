package org.lessonloop.annotations;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.database.CoherentCache;

/**
 * The read model of a recording's review: comment threads and clips with their labels, filtered to
 * what the caller may see (shared comments and the caller's own notes) in a fixed number of queries.
 */
public final class Timeline {
    private final CommentRepository comments;
    private final ClipRepository clips;
    private final AnnotationRepository annotations;
    private final AnnotationChecks checks;
    private final CoherentCache<UUID, UUID, Buffer> cache;

    Timeline(CommentRepository comments, ClipRepository clips, AnnotationRepository annotations, AnnotationChecks checks,
             CoherentCache<UUID, UUID, Buffer> cache) {
        this.comments = comments;
        this.clips = clips;
        this.annotations = annotations;
        this.checks = checks;
        this.cache = cache;
    }

    /** A thread: its first comment and the replies, oldest first. */
    public record Thread(Comment comment, List<Comment> replies) {
    }

    public record View(UUID recordingId, String title, Optional<Long> durationMs, List<Thread> threads, List<Clip> clips) {
    }

    public View read(CurrentUser me, UUID recordingId, TimelineFilter filter) {
        return view(me, checks.recording(me, recordingId, Permission.VIEW), filter);
    }

    /**
     * The player's JSON. Access is checked on every call; the unfiltered timeline, what a player
     * loads, then comes from the cache when nothing changed since it was encoded.
     */
    public Buffer json(CurrentUser me, UUID recordingId, TimelineFilter filter) {
        checks.require(me, recordingId, Permission.VIEW);
        // The recording's facts are read inside the load, after the cache took its slot: see CoherentCache.
        Supplier<Buffer> encoded = () -> encode(view(me, checks.recording(me, recordingId, Permission.VIEW), filter));
        return filter.equals(TimelineFilter.NONE) ? cache.getOrLoad(recordingId, me.id(), encoded) : encoded.get();
    }

    private View view(CurrentUser me, Annotated recording, TimelineFilter filter) {
        UUID recordingId = recording.recordingId();
        Map<UUID, List<Label>> labels = annotations.labelsOnRecording(recordingId);
        List<Comment> visible = comments.onRecordingVisibleTo(recordingId, me.id(), labels);
        Map<UUID, Thread> threads = new LinkedHashMap<>();
        visible.stream().filter(c -> c.parentId().isEmpty() && filter.keeps(c))
                .sorted(Comparator.comparing((Comment c) -> c.startMs().orElse(0L)).thenComparing(Comment::createdAt))
                .forEach(c -> threads.put(c.id(), new Thread(c, new ArrayList<>())));
        visible.stream().filter(c -> c.parentId().isPresent())
                .forEach(reply -> Optional.ofNullable(threads.get(reply.parentId().get())).ifPresent(t -> t.replies().add(reply)));
        List<Clip> kept = filter.kind().filter(k -> k != TimelineFilter.Kind.CLIP).isPresent() ? List.of()
                : clips.onRecording(recordingId, labels).stream().filter(filter::keeps).toList();
        return new View(recordingId, recording.title(), recording.durationMs(), List.copyOf(threads.values()), kept);
    }

    private static Buffer encode(View view) {
        return new JsonObject()
                .put("recordingId", view.recordingId().toString())
                .put("durationMs", view.durationMs().orElse(null))
                .put("threads", new JsonArray(view.threads().stream().map(thread -> AnnotationJson.comment(thread.comment())
                        .put("replies", new JsonArray(thread.replies().stream().map(AnnotationJson::comment).toList()))).toList()))
                .put("clips", new JsonArray(view.clips().stream().map(AnnotationJson::clip).toList()))
                .toBuffer();
    }
}
