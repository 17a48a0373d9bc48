-- Every server node caches, in memory, what its hottest requests read: sessions, access to
-- recordings, encoded review timelines. These triggers tell all nodes (LISTEN lessonloop_changes,
-- see ChangeListener and DatabaseChanges) which cached entries a transaction made stale. A payload
-- is "<cache>:<key>" (session:<token hash>, access:<recording id>, review:<recording id>,
-- recording:<recording id> for the facts annotating needs: owner, organization, title, duration) or
-- "<cache>:*" for a change that may touch any entry of that cache. PostgreSQL delivers
-- notifications only on commit and folds a transaction's duplicates, so row-level triggers cost
-- one message per key touched.

/* [jooq ignore start] */
-- Rows that belong to one recording: the recording they were on and the one they are on now.
-- TG_ARGV[0] is the cache.
CREATE FUNCTION notify_change_of_recording_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('lessonloop_changes', TG_ARGV[0] || ':' || OLD.recording_id::text);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('lessonloop_changes', TG_ARGV[0] || ':' || NEW.recording_id::text);
    END IF;
    RETURN NULL;
END
$$;

-- A recording itself: each cache named in TG_ARGV gets its id, in that order. Timelines are built
-- from the cached recording facts, so 'recording' must come before 'review' (notifications of one
-- transaction arrive in the order sent).
CREATE FUNCTION notify_change_of_recording() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cache text;
BEGIN
    FOREACH cache IN ARRAY TG_ARGV LOOP
        PERFORM pg_notify('lessonloop_changes', cache || ':' || OLD.id::text);
    END LOOP;
    RETURN NULL;
END
$$;

-- A session ended (sign-out, expiry purge, its user deleted) or was changed by hand (an operator
-- cutting its expiry short).
CREATE FUNCTION notify_change_of_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lessonloop_changes', 'session:' || OLD.token_hash);
    RETURN NULL;
END
$$;

-- A rare change that may touch any entry of the cache in TG_ARGV[0].
CREATE FUNCTION notify_change_of_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lessonloop_changes', TG_ARGV[0] || ':*');
    RETURN NULL;
END
$$;

-- Review timelines: comments, clips, their labels; a recording's title and duration (status and
-- progress change often and do not show).
-- Not on INSERT: a transaction that notifies holds PostgreSQL's one notification lock until its
-- commit is flushed, so notifying every new comment would queue all writers behind one another's
-- disk flush (1,300 comments/s at most here). The application announces what it adds right after
-- the commit instead (CoherentCache.changedHere: batched every 10 ms, an asynchronous commit);
-- edits and deletions are rare and stay here.
CREATE TRIGGER comments_notify_review AFTER UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_recording_row('review');
CREATE TRIGGER clips_notify_review AFTER UPDATE OR DELETE ON clips
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_recording_row('review');
CREATE TRIGGER annotation_labels_notify_review AFTER UPDATE OR DELETE ON annotation_labels
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_recording_row('review');
CREATE TRIGGER recordings_update_notify_review AFTER UPDATE OF duration_ms, title ON recordings
    FOR EACH ROW
    WHEN (OLD.duration_ms IS DISTINCT FROM NEW.duration_ms OR OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION notify_change_of_recording('recording', 'review');
-- Labels show a tag's name and colour or a goal's statement, authors their display name, on
-- timelines of many recordings: these rare edits drop every cached timeline.
CREATE TRIGGER tags_update_notify_review AFTER UPDATE OF name, color ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('review');
CREATE TRIGGER tags_delete_notify_review AFTER DELETE ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('review');
-- Goals are edited often (status, phase): only a new statement counts.
CREATE TRIGGER goals_update_notify_review AFTER UPDATE OF statement ON goals
    FOR EACH ROW WHEN (OLD.statement IS DISTINCT FROM NEW.statement)
    EXECUTE FUNCTION notify_change_of_all('review');
CREATE TRIGGER goals_delete_notify_review AFTER DELETE ON goals
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('review');

-- Access: a share granted, changed or revoked; a recording deleted or given to another owner; any
-- coaching pair change (a standing share reaches all of a teacher's recordings).
CREATE TRIGGER recording_shares_notify_access AFTER INSERT OR UPDATE OR DELETE ON recording_shares
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_recording_row('access');
CREATE TRIGGER recordings_owner_notify_access AFTER UPDATE OF owner_id ON recordings
    FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id)
    EXECUTE FUNCTION notify_change_of_recording('access', 'recording');
CREATE TRIGGER recordings_delete_notify AFTER DELETE ON recordings
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_recording('access', 'recording', 'review');
CREATE TRIGGER coaching_pairs_notify_access AFTER INSERT OR UPDATE OR DELETE ON coaching_pairs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('access');

-- Sessions carry their user (name, role, organization): any user edit drops them all, and the
-- timelines that show authors' names.
CREATE TRIGGER sessions_notify AFTER UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_session();
CREATE TRIGGER users_update_notify_session AFTER UPDATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('session');
CREATE TRIGGER users_update_notify_review AFTER UPDATE OF display_name ON users
    FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
    EXECUTE FUNCTION notify_change_of_all('review');
-- A recording's organization is its owner's.
CREATE TRIGGER users_organization_notify_recording AFTER UPDATE OF organization_id ON users
    FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION notify_change_of_all('recording');

-- TRUNCATE fires no row triggers (an operator signing everyone out with TRUNCATE sessions, say):
-- each emptied table drops every cache it feeds.
CREATE TRIGGER sessions_truncate_notify AFTER TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('session');
CREATE TRIGGER users_truncate_notify AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('session');
CREATE TRIGGER recording_shares_truncate_notify AFTER TRUNCATE ON recording_shares
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('access');
CREATE TRIGGER coaching_pairs_truncate_notify AFTER TRUNCATE ON coaching_pairs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('access');
CREATE TRIGGER recordings_truncate_notify_access AFTER TRUNCATE ON recordings
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('access');
CREATE TRIGGER recordings_truncate_notify_recording AFTER TRUNCATE ON recordings
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('recording');
CREATE TRIGGER comments_truncate_notify AFTER TRUNCATE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('review');
CREATE TRIGGER clips_truncate_notify AFTER TRUNCATE ON clips
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('review');
CREATE TRIGGER annotation_labels_truncate_notify AFTER TRUNCATE ON annotation_labels
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change_of_all('review');
/* [jooq ignore stop] */
