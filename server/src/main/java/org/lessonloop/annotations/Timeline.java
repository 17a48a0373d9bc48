package org.lessonloop.annotations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;

/**
 * The read model of a recording's review: comment threads and clips with their labels, filtered to
 * what the caller may see (shared comments and the caller's own notes) in a fixed number of queries.
 */
public final class Timeline {
    private final CommentRepository comments;
    private final ClipRepository clips;
    private final AnnotationRepository annotations;
    private final AnnotationChecks checks;

    Timeline(CommentRepository comments, ClipRepository clips, AnnotationRepository annotations, AnnotationChecks checks) {
        this.comments = comments;
        this.clips = clips;
        this.annotations = annotations;
        this.checks = checks;
    }

    /** A thread: its first comment and the replies, oldest first. */
    public record Thread(Comment comment, List<Comment> replies) {
    }

    public record View(UUID recordingId, String title, Optional<Long> durationMs, List<Thread> threads, List<Clip> clips) {
    }

    public View read(CurrentUser me, UUID recordingId, TimelineFilter filter) {
        Annotated recording = checks.recording(me, recordingId, Permission.VIEW);
        Map<UUID, List<Label>> labels = annotations.labels(AnnotationRepository.ofRecording(recordingId));
        List<Comment> visible = comments.list(CommentRepository.onRecording(recordingId).and(CommentRepository.visibleTo(me.id())), labels);
        Map<UUID, Thread> threads = new LinkedHashMap<>();
        visible.stream().filter(c -> c.parentId().isEmpty() && filter.keeps(c))
                .sorted(Comparator.comparing((Comment c) -> c.startMs().orElse(0L)).thenComparing(Comment::createdAt))
                .forEach(c -> threads.put(c.id(), new Thread(c, new ArrayList<>())));
        visible.stream().filter(c -> c.parentId().isPresent())
                .forEach(reply -> Optional.ofNullable(threads.get(reply.parentId().get())).ifPresent(t -> t.replies().add(reply)));
        List<Clip> kept = filter.kind().filter(k -> k != TimelineFilter.Kind.CLIP).isPresent() ? List.of()
                : clips.list(ClipRepository.onRecording(recordingId), labels).stream().filter(filter::keeps).toList();
        return new View(recordingId, recording.title(), recording.durationMs(), List.copyOf(threads.values()), kept);
    }
}
