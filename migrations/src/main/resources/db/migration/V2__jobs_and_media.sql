-- The durable job queue and what the media pipeline learns about a recording.

-- What probing found, kept as columns the API and the review features read directly.
ALTER TABLE recordings
    ADD COLUMN duration_ms         bigint,
    ADD COLUMN width               integer,
    ADD COLUMN height              integer,
    ADD COLUMN has_audio           boolean,
    ADD COLUMN playable            boolean  NOT NULL DEFAULT false,
    ADD COLUMN processing_step     varchar(40),
    ADD COLUMN processing_progress smallint CHECK (processing_progress BETWEEN 0 AND 100);

-- One row per unit of background work. A worker claims a queued job whose run_after has come
-- (SELECT … FOR UPDATE SKIP LOCKED), holds it with a lease it renews while working, and either
-- finishes it or puts it back with a later run_after; after max_attempts it is dead and keeps
-- its last error. A job whose worker died is claimed again once its lease has expired.
CREATE TABLE jobs (
    id           uuid          PRIMARY KEY,
    kind         varchar(40)   NOT NULL,
    recording_id uuid          REFERENCES recordings (id) ON DELETE CASCADE,
    subject_id   uuid,
    payload      varchar(4000) NOT NULL DEFAULT '{}',
    state        varchar(16)   NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
    attempts     integer       NOT NULL DEFAULT 0,
    max_attempts integer       NOT NULL,
    run_after    timestamptz   NOT NULL DEFAULT now(),
    lease_owner  varchar(100),
    lease_until  timestamptz,
    last_error   varchar(4000),
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
CREATE INDEX jobs_recording ON jobs (recording_id);
/* [jooq ignore start] */
CREATE INDEX jobs_claimable ON jobs (run_after) WHERE state IN ('queued', 'running');
/* [jooq ignore stop] */
