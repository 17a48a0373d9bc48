package org.lessonloop.debriefs;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.access.Access;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.annotations.Comment;
import org.lessonloop.annotations.CommentDraft;
import org.lessonloop.annotations.Comments;
import org.lessonloop.annotations.Drawing;
import org.lessonloop.annotations.Visibility;
import org.lessonloop.goals.Goals;
import org.lessonloop.goals.NextStep;
import org.lessonloop.problems.ProblemException;

/** What participants do in a room: drive playback, hand presenting over, comment, end it with next steps. */
final class RoomActions {
    static final String NOT_PRESENTER = "Only the presenter controls playback in presenter mode; ask them to hand over.";

    private final Debriefs debriefs;
    private final DebriefRepository rooms;
    private final Comments comments;
    private final Goals goals;

    RoomActions(Debriefs debriefs, DebriefRepository rooms, Comments comments, Goals goals) {
        this.debriefs = debriefs;
        this.rooms = rooms;
        this.comments = comments;
        this.goals = goals;
    }

    /** A command's result: the new state, or the current one when the command was stale. */
    record Outcome(RoomState state, boolean stale) {
    }

    /**
     * Takes effect at {@code effectiveAt} (server time) unless stale; 404 for someone no longer
     * let in, 403 from a non-presenter, 409 once the room ended, 400 for an item it does not have.
     */
    Outcome command(CurrentUser me, UUID id, Command command, long effectiveAt) {
        Debrief room = debriefs.join(me, id);
        DebriefRepository.Applied applied = rooms.apply(id, command.basedOnSeq(), locked -> {
            if (!locked.mayDrive(me.id()) && !command.action().byRoom()) {
                throw ProblemException.forbidden(NOT_PRESENTER);
            }
            return Playback.next(locked.state(), command, locked.items(), me.id(), effectiveAt);
        }).orElseThrow(() -> ProblemException.notFound(Debriefs.NOT_FOUND));
        if (applied.before().ended()) {
            throw ProblemException.conflict("This debrief has ended.");
        }
        return new Outcome(applied.state(), applied.stale());
    }

    /** The presenter (or, while nobody presents, the room's maker or teacher) names the next one; null: everyone drives. */
    Debrief handOver(CurrentUser me, UUID id, Optional<UUID> to) {
        Debrief room = debriefs.join(me, id);
        if (!room.presenterMode()) {
            throw ProblemException.invalid("This room has no presenter: everyone may drive.");
        }
        boolean mayHandOver = room.presenterId().map(me.id()::equals)
                .orElse(me.id().equals(room.createdBy()) || me.id().equals(room.teacherId()));
        if (!mayHandOver) {
            throw ProblemException.forbidden("Only the presenter can hand over the controls.");
        }
        if (to.isPresent() && debriefs.weakestAccess(to.get(), room) == Access.NONE) {
            throw ProblemException.invalid("'to' must be someone who may join this debrief.");
        }
        if (!rooms.handOver(id, room.presenterId(), to)) {
            throw ProblemException.conflict("Presenting was handed over meanwhile; try again.");
        }
        return rooms.find(id).orElseThrow();
    }

    /** What a participant writes in the room: saved as a normal comment on the item now playing. */
    record RoomComment(String body, long positionMs, Visibility visibility, List<UUID> tagIds, List<Drawing> drawings) {
    }

    Comment comment(CurrentUser me, UUID id, RoomComment draft) {
        Debrief room = debriefs.join(me, id);
        Item item = room.items().stream().filter(i -> i.index() == room.state().item()).findFirst().orElseThrow();
        Comment saved = comments.create(me, item.recordingId(), draft.visibility(), new CommentDraft(Optional.of(draft.positionMs()),
                Optional.empty(), draft.body(), draft.tagIds(), List.of(), draft.drawings()));
        rooms.commented(id, saved.id(), draft.drawings().size());
        return saved;
    }

    /** Ends the room once, storing the next steps against the teacher's goals; the summary. */
    JsonObject end(CurrentUser me, UUID id, List<NextStep.Draft> steps) {
        Debrief room = debriefs.join(me, id);
        if (!debriefs.weakestAccess(me.id(), room).allows(Permission.COMMENT)) {
            throw ProblemException.forbidden("You joined this debrief to watch; the teacher or the coach ends it.");
        }
        goals.requireTeachersGoals(me, room.teacherId(), steps);
        JsonObject[] summary = new JsonObject[1];
        rooms.end(id, tally -> {
            summary[0] = Summary.json(room, tally, steps, me);
            return summary[0].encode();
        }).orElseThrow(() -> ProblemException.conflict("This debrief has already ended."));
        goals.addNextSteps(me, steps, new NextStep.Source(id, room.title(), summary[0].encode()));
        return summary[0];
    }
}
