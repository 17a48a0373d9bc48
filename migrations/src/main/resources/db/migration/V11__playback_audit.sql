-- Who watched my lesson (DESIGN.md §5): the player reports each playback session, and the audit
-- log becomes append-only in the database itself, for every role the application uses.

-- One row per playback session (an id the player makes when it starts). Heartbeats only make it
-- grow: the server merges the reported ranges into what it holds, and the trigger below refuses
-- any change that would rewrite who watched what, when, or shrink the time watched.
CREATE TABLE playback_sessions (
    id             uuid          PRIMARY KEY,
    recording_id   uuid          NOT NULL,
    viewer_id      uuid          NOT NULL,
    started_at     timestamptz   NOT NULL DEFAULT now(),
    last_report_at timestamptz   NOT NULL DEFAULT now(),
    watched_ms     bigint        NOT NULL CHECK (watched_ms >= 0),
    -- Merged intervals of media time, "start-end" in ms, comma separated, in order.
    ranges         varchar(4000) NOT NULL,
    reports        integer       NOT NULL DEFAULT 1
);
CREATE INDEX playback_sessions_recording ON playback_sessions (recording_id, started_at);

/* [jooq ignore start] */
-- Audit rows are never changed. They are deleted only once their recording is gone (real deletion
-- removes every row about the footage; see AuditLog.forget), and the line saying that a recording
-- was deleted is kept for good. Triggers bind the table's owner and superusers too, short of
-- ALTER TABLE ... DISABLE TRIGGER, which the application never issues.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.recording_id IS NOT NULL AND OLD.action <> 'recording.deleted'
            AND NOT EXISTS (SELECT 1 FROM recordings WHERE id = OLD.recording_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE FUNCTION playback_sessions_grow_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id = OLD.id AND NEW.recording_id = OLD.recording_id AND NEW.viewer_id = OLD.viewer_id
                AND NEW.started_at = OLD.started_at AND NEW.last_report_at >= OLD.last_report_at
                AND NEW.watched_ms >= OLD.watched_ms AND NEW.reports > OLD.reports THEN
            RETURN NEW;
        END IF;
    ELSIF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM recordings WHERE id = OLD.recording_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'playback_sessions only grow: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER playback_sessions_no_rewrite BEFORE UPDATE OR DELETE ON playback_sessions
    FOR EACH ROW EXECUTE FUNCTION playback_sessions_grow_only();
CREATE TRIGGER playback_sessions_no_truncate BEFORE TRUNCATE ON playback_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION playback_sessions_grow_only();

-- Nobody but the owner (the role that migrates) holds privileges on these tables; should an
-- operator grant the application's role through PUBLIC, it still gets no UPDATE/DELETE/TRUNCATE.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, playback_sessions FROM PUBLIC;
/* [jooq ignore stop] */
