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
import org.lessonloop.problems.ProblemException;

/** Cut, list, edit and delete clips: named ranges of a recording, seen by all who may view it. */
@FeatureApi
public final class Clips {
    private final ClipRepository clips;
    private final AnnotationRepository annotations;
    private final AnnotationChecks checks;
    private final RecordingEvents events;
    private final CoherentCache<UUID, UUID, Buffer> timelines;

    Clips(ClipRepository clips, AnnotationRepository annotations, AnnotationChecks checks, RecordingEvents events,
          CoherentCache<UUID, UUID, Buffer> timelines) {
        this.clips = clips;
        this.annotations = annotations;
        this.checks = checks;
        this.events = events;
        this.timelines = timelines;
    }

    public List<Clip> list(CurrentUser me, UUID recordingId) {
        checks.recording(me, recordingId, Permission.VIEW);
        return clips.onRecording(recordingId, annotations.labelsOnRecording(recordingId));
    }

    public Clip create(CurrentUser me, UUID recordingId, ClipDraft draft) {
        Annotated recording = checks.recording(me, recordingId, Permission.COMMENT);
        AnnotationChecks.times(recording, draft.startMs(), Optional.of(draft.endMs()));
        List<Label> labels = checks.labels(recording, draft.tagIds());
        return published("clip.created", clips.insert(recordingId, me.id(), draft, labels));
    }

    public Clip get(CurrentUser me, UUID clipId) {
        return visible(me, clipId);
    }

    public Clip edit(CurrentUser me, UUID clipId, UnaryOperator<ClipDraft> patch) {
        Clip clip = visible(me, clipId);
        Annotated recording = checks.recording(me, clip.recordingId(), Permission.VIEW);
        AnnotationChecks.requireAuthorOrOwner(me, clip.authorId(), recording, "clip");
        ClipDraft draft = patch.apply(clip.draft());
        AnnotationChecks.times(recording, draft.startMs(), Optional.of(draft.endMs()));
        clips.update(clip, draft, checks.labels(recording, draft.tagIds()));
        return published("clip.updated", clipId);
    }

    public void delete(CurrentUser me, UUID clipId) {
        Clip clip = visible(me, clipId);
        AnnotationChecks.requireAuthorOrOwner(me, clip.authorId(), checks.recording(me, clip.recordingId(), Permission.VIEW), "clip");
        clips.delete(clipId);
        timelines.changedHere(clip.recordingId());
        events.toViewers(clip.recordingId(), "clip.deleted", AnnotationJson.clip(clip));
    }

    private Clip visible(CurrentUser me, UUID clipId) {
        return clips.find(clipId)
                .filter(c -> checks.canView(me, c.recordingId()))
                .orElseThrow(() -> ProblemException.notFound("There is no such clip, or it has not been shared with you."));
    }

    private Clip published(String type, UUID clipId) {
        Clip clip = clips.find(clipId).orElseThrow();
        timelines.changedHere(clip.recordingId());
        events.toViewers(clip.recordingId(), type, AnnotationJson.clip(clip));
        return clip;
    }
}
