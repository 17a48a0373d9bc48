-- Every server node caches serialized review timelines in memory. These triggers tell all nodes
-- (LISTEN lessonloop_review, see ChangeListener) which cached timelines a transaction made stale:
-- a recording id, or '*' for a change that may show on any timeline (a tag, a goal, a user's
-- name). PostgreSQL delivers notifications only on commit and folds a transaction's duplicates,
-- so row-level triggers cost one message per recording touched.
-- comment_mentions has no trigger: mentions are only written together with their comment's row.

/* [jooq ignore start] */
-- comments, clips and annotation_labels: the recording the row was on and the one it is on now.
CREATE FUNCTION notify_review_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('lessonloop_review', OLD.recording_id::text);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('lessonloop_review', NEW.recording_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION notify_review_of_recording() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lessonloop_review', OLD.id::text);
    RETURN NULL;
END
$$;

CREATE FUNCTION notify_review_of_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lessonloop_review', '*');
    RETURN NULL;
END
$$;

CREATE TRIGGER comments_notify_review AFTER INSERT OR UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION notify_review_of_row();
CREATE TRIGGER clips_notify_review AFTER INSERT OR UPDATE OR DELETE ON clips
    FOR EACH ROW EXECUTE FUNCTION notify_review_of_row();
CREATE TRIGGER annotation_labels_notify_review AFTER INSERT OR UPDATE OR DELETE ON annotation_labels
    FOR EACH ROW EXECUTE FUNCTION notify_review_of_row();

-- The timeline shows a recording's title and duration; status and progress change often and do not count.
CREATE TRIGGER recordings_update_notify_review AFTER UPDATE OF duration_ms, title ON recordings
    FOR EACH ROW
    WHEN (OLD.duration_ms IS DISTINCT FROM NEW.duration_ms OR OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION notify_review_of_recording();
CREATE TRIGGER recordings_delete_notify_review AFTER DELETE ON recordings
    FOR EACH ROW EXECUTE FUNCTION notify_review_of_recording();

-- Labels show a tag's name and colour or a goal's statement, authors their display name, on
-- timelines of many recordings: these rare edits drop every cached timeline.
CREATE TRIGGER tags_update_notify_review AFTER UPDATE OF name, color ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION notify_review_of_all();
CREATE TRIGGER tags_delete_notify_review AFTER DELETE ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION notify_review_of_all();
CREATE TRIGGER goals_update_notify_review AFTER UPDATE OF statement ON goals
    FOR EACH STATEMENT EXECUTE FUNCTION notify_review_of_all();
CREATE TRIGGER goals_delete_notify_review AFTER DELETE ON goals
    FOR EACH STATEMENT EXECUTE FUNCTION notify_review_of_all();
CREATE TRIGGER users_update_notify_review AFTER UPDATE OF display_name ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_review_of_all();
/* [jooq ignore stop] */
