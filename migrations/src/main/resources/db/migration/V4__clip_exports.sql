-- A clip's standalone MP4: one per clip, remade when asked again after the clip's range changed.
-- The range is kept as exported, so a download never passes off an older cut as the current one.
CREATE TABLE clip_exports (
    clip_id      uuid          PRIMARY KEY REFERENCES clips (id) ON DELETE CASCADE,
    recording_id uuid          NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    status       varchar(16)   NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
    start_ms     bigint        NOT NULL,
    end_ms       bigint        NOT NULL,
    object_key   varchar(300)  NOT NULL,
    size         bigint,
    reason       varchar(1000),
    requested_by uuid          REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX clip_exports_recording ON clip_exports (recording_id);
