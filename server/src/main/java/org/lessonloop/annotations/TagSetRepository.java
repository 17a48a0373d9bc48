package org.lessonloop.annotations;

import static org.lessonloop.db.Tables.TAGS;
import static org.lessonloop.db.Tables.TAG_SETS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.lessonloop.problems.ProblemException;

final class TagSetRepository {
    private final DSLContext db;

    TagSetRepository(DSLContext db) {
        this.db = db;
    }

    /** A framework: its name and tags. */
    record TagSet(UUID id, String name, List<Label> tags) {
    }

    UUID insertSet(UUID organizationId, String name) {
        UUID id = UUID.randomUUID();
        unique(() -> db.insertInto(TAG_SETS).set(TAG_SETS.ID, id).set(TAG_SETS.ORGANIZATION_ID, organizationId)
                .set(TAG_SETS.NAME, name).execute(), "a tag set named '" + name + "'");
        return id;
    }

    void insertTag(UUID tagSetId, String name, String color) {
        unique(() -> db.insertInto(TAGS).set(TAGS.ID, UUID.randomUUID()).set(TAGS.TAG_SET_ID, tagSetId)
                .set(TAGS.NAME, name).set(TAGS.COLOR, color).execute(), "a tag named '" + name + "' in this set");
    }

    Optional<TagSet> find(UUID organizationId, UUID id) {
        return list(organizationId).stream().filter(set -> set.id().equals(id)).findFirst();
    }

    List<TagSet> list(UUID organizationId) {
        Map<UUID, TagSet> sets = new LinkedHashMap<>();
        db.select(TAG_SETS.ID, TAG_SETS.NAME, TAGS.ID, TAGS.NAME, TAGS.COLOR)
                .from(TAG_SETS).leftJoin(TAGS).on(TAGS.TAG_SET_ID.eq(TAG_SETS.ID))
                .where(TAG_SETS.ORGANIZATION_ID.eq(organizationId))
                .orderBy(TAG_SETS.NAME, TAGS.NAME)
                .forEach(r -> {
                    TagSet set = sets.computeIfAbsent(r.value1(), id -> new TagSet(id, r.value2(), new ArrayList<>()));
                    if (r.value3() != null) {
                        set.tags().add(new Label(r.value3(), Label.Kind.TAG, r.value4(), r.value5()));
                    }
                });
        return List.copyOf(sets.values());
    }

    private static void unique(Runnable insert, String what) {
        try {
            insert.run();
        } catch (IntegrityConstraintViolationException e) {
            throw ProblemException.conflict("There is already " + what + ".");
        }
    }
}
