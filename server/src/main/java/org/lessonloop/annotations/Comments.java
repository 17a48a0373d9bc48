package org.lessonloop.annotations;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.mail.Notifications;
import org.lessonloop.problems.ProblemException;

/**
 * Write, reply to, edit and delete time-coded comments. A shared comment needs comment access; a
 * private note only view access, since nobody else sees it. Replies take their thread's visibility.
 */
@FeatureApi
public final class Comments {
    private final CommentRepository comments;
    private final AnnotationChecks checks;
    private final RecordingEvents events;
    private final CoherentCache<UUID, UUID, Buffer> timelines;
    private final Notifications notifications;

    Comments(CommentRepository comments, AnnotationChecks checks, RecordingEvents events, CoherentCache<UUID, UUID, Buffer> timelines,
             Notifications notifications) {
        this.comments = comments;
        this.notifications = notifications;
        this.checks = checks;
        this.events = events;
        this.timelines = timelines;
    }

    public Comment create(CurrentUser me, UUID recordingId, Visibility visibility, CommentDraft draft) {
        Annotated recording = checks.recording(me, recordingId, visibility == Visibility.SHARED ? Permission.COMMENT : Permission.VIEW);
        long startMs = draft.startMs().orElseThrow(() -> ProblemException.invalid("'startMs' is required."));
        AnnotationChecks.times(recording, startMs, draft.endMs());
        List<Label> labels = checks.labels(recording, draft.tagIds());
        checks.mentions(recording, visibility, draft.mentions());
        return published("comment.created", comments.insert(recordingId, me.user(), Optional.empty(), visibility, draft, labels,
                mentionMails(me, recordingId, draft.mentions(), draft.body())));
    }

    /** A reply on the recording {@code recordingId} (when the caller names one) to a thread's first comment. */
    public Comment reply(CurrentUser me, Optional<UUID> recordingId, UUID parentId, String body, List<UUID> mentions) {
        Comment parent = visible(me, parentId);
        if (recordingId.isPresent() && !recordingId.get().equals(parent.recordingId())) {
            throw ProblemException.invalid("'parentId' is a comment on another recording.");
        }
        if (parent.parentId().isPresent()) {
            throw ProblemException.invalid("Reply to the thread's first comment; replies do not nest.");
        }
        if (parent.deleted()) {
            throw ProblemException.conflict("This comment was deleted; start a new thread instead.");
        }
        Annotated recording = checks.recording(me, parent.recordingId(),
                parent.visibility() == Visibility.SHARED ? Permission.COMMENT : Permission.VIEW);
        checks.mentions(recording, parent.visibility(), mentions);
        var draft = new CommentDraft(Optional.empty(), Optional.empty(), body, List.of(), mentions, List.of());
        return published("comment.created",
                comments.insert(parent.recordingId(), me.user(), Optional.of(parentId), parent.visibility(), draft, List.of(),
                        mentionMails(me, parent.recordingId(), mentions, body)));
    }

    /**
     * Mails to the mentioned who may see the recording, queued with the comment. Who may is decided
     * here, before the transaction, and the answer to the writer is the same either way.
     */
    private java.util.function.BiConsumer<org.jooq.DSLContext, UUID> mentionMails(CurrentUser me, UUID recordingId, List<UUID> mentions,
                                                                                String body) {
        List<UUID> readers = mentions.isEmpty() ? List.of() : checks.readers(recordingId, mentions);
        return (tx, commentId) -> notifications.mentioned(tx, recordingId, commentId, me.id(), readers, body);
    }

    /** Only the author edits; an edit keeps the edited flag and time. */
    public Comment edit(CurrentUser me, UUID commentId, UnaryOperator<CommentDraft> patch) {
        Comment comment = visible(me, commentId);
        if (!comment.authorId().equals(me.id())) {
            throw ProblemException.forbidden("Only its author can edit a comment.");
        }
        if (comment.deleted()) {
            throw ProblemException.conflict("This comment was deleted and cannot be edited.");
        }
        CommentDraft draft = patch.apply(comment.draft());
        // Changing what others read needs comment access still; a note to self, view access.
        Annotated recording = checks.recording(me, comment.recordingId(),
                comment.visibility() == Visibility.SHARED ? Permission.COMMENT : Permission.VIEW);
        List<Label> labels = List.of();
        if (comment.parentId().isEmpty()) {
            AnnotationChecks.times(recording, draft.startMs().orElseThrow(), draft.endMs());
            labels = checks.labels(recording, draft.tagIds());
        } else if (draft.startMs().isPresent() || !draft.tagIds().isEmpty() || !draft.drawings().isEmpty()) {
            throw ProblemException.invalid("A reply has no time, tags or drawings of its own; it belongs to its thread.");
        }
        checks.mentions(recording, comment.visibility(), draft.mentions());
        // Only the people the edit adds hear of it; those mentioned before were told already.
        List<UUID> added = draft.mentions().stream().filter(id -> !comment.mentions().contains(id)).toList();
        var mails = mentionMails(me, comment.recordingId(), added, draft.body());
        comments.update(comment, draft, labels, tx -> mails.accept(tx, commentId));
        return published("comment.updated", comments.find(commentId).orElseThrow());
    }

    /** The author, or the teacher on their own recording, deletes; the thread shows it as deleted. */
    public void delete(CurrentUser me, UUID commentId) {
        Comment comment = visible(me, commentId);
        AnnotationChecks.requireAuthorOrOwner(me, comment.authorId(), checks.recording(me, comment.recordingId(), Permission.VIEW), "comment");
        if (!comment.deleted()) {
            comments.softDelete(comment);
            published("comment.deleted", comments.find(commentId).orElseThrow());
        }
    }

    /** The comment, or 404 when the caller may not see it (another's private note, a recording not shared). */
    private Comment visible(CurrentUser me, UUID commentId) {
        return comments.find(commentId)
                .filter(c -> c.visibility() == Visibility.SHARED || c.authorId().equals(me.id()))
                .filter(c -> checks.canView(me, c.recordingId()))
                .orElseThrow(() -> ProblemException.notFound("There is no such comment, or it is not yours to see."));
    }

    /** A private note's events go to its author alone. */
    private Comment published(String type, Comment comment) {
        timelines.changedHere(comment.recordingId());
        var data = AnnotationJson.comment(comment);
        if (comment.visibility() == Visibility.SHARED) {
            events.toViewers(comment.recordingId(), type, data);
        } else {
            events.toUser(comment.authorId(), comment.recordingId(), type, data);
        }
        return comment;
    }
}
