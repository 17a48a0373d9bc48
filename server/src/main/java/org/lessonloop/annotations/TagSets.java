package org.lessonloop.annotations;

import java.util.List;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;

/** An organization's framework tag sets: its admins manage them, its members read them to tag with. */
public final class TagSets {
    private final TagSetRepository sets;

    TagSets(TagSetRepository sets) {
        this.sets = sets;
    }

    public List<TagSetRepository.TagSet> list(CurrentUser me) {
        return sets.list(me.user().organizationId());
    }

    public TagSetRepository.TagSet create(CurrentUser admin, String name) {
        requireAdmin(admin);
        return sets.find(admin.user().organizationId(), sets.insertSet(admin.user().organizationId(), name)).orElseThrow();
    }

    public TagSetRepository.TagSet addTag(CurrentUser admin, UUID tagSetId, String name, String color) {
        requireAdmin(admin);
        UUID organizationId = admin.user().organizationId();
        sets.find(organizationId, tagSetId).orElseThrow(() -> ProblemException.notFound("There is no such tag set in your organization."));
        sets.insertTag(tagSetId, name, color);
        return sets.find(organizationId, tagSetId).orElseThrow();
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can manage the organization's tag sets.");
        }
    }
}
