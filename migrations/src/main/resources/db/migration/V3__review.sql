-- Review: framework tag sets, teachers' goals and measurements, time-coded comments, clips and
-- clip playlists. Times are milliseconds from the start of the recording.

-- An organization's framework (e.g. "Questioning", "Student talk"), managed by its admins.
CREATE TABLE tag_sets (
    id              uuid         PRIMARY KEY,
    organization_id uuid         NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            varchar(100) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT tag_sets_unique UNIQUE (organization_id, name)
);

CREATE TABLE tags (
    id         uuid         PRIMARY KEY,
    tag_set_id uuid         NOT NULL REFERENCES tag_sets (id) ON DELETE CASCADE,
    name       varchar(100) NOT NULL,
    color      varchar(7)   NOT NULL,
    CONSTRAINT tags_unique UNIQUE (tag_set_id, name)
);

-- A SMART goal is the teacher's; their coaches read it. It also tags comments and clips (evidence).
CREATE TABLE goals (
    id         uuid          PRIMARY KEY,
    teacher_id uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    statement  varchar(1000) NOT NULL,
    measure    varchar(500),
    baseline   varchar(200),
    target     varchar(200),
    due_date   date,
    status     varchar(16)   NOT NULL CHECK (status IN ('active', 'met', 'archived')),
    phase      varchar(16)   NOT NULL CHECK (phase IN ('identify', 'learn', 'improve')),
    created_at timestamptz   NOT NULL DEFAULT now(),
    updated_at timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX goals_teacher ON goals (teacher_id, created_at);

CREATE TABLE goal_measurements (
    id           uuid           PRIMARY KEY,
    goal_id      uuid           NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    author_id    uuid           NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    measured_on  date           NOT NULL,
    measured     numeric(14, 4) NOT NULL,
    note         varchar(1000),
    recording_id uuid           REFERENCES recordings (id) ON DELETE SET NULL,
    created_at   timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX goal_measurements_goal ON goal_measurements (goal_id, measured_on);

-- A top-level comment has start_ms (and end_ms for a range); a reply has neither and a parent on
-- the same recording. Deletion is soft: deleted_at is set and the body cleared, the thread stays.
CREATE TABLE comments (
    id           uuid           PRIMARY KEY,
    recording_id uuid           NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    author_id    uuid           NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    parent_id    uuid           REFERENCES comments (id) ON DELETE CASCADE,
    start_ms     bigint         CHECK (start_ms >= 0),
    end_ms       bigint,
    body         varchar(10000),
    visibility   varchar(8)     NOT NULL CHECK (visibility IN ('shared', 'private')),
    created_at   timestamptz    NOT NULL DEFAULT now(),
    edited_at    timestamptz,
    deleted_at   timestamptz,
    CONSTRAINT comments_range CHECK (end_ms IS NULL OR end_ms > start_ms)
);
CREATE INDEX comments_recording ON comments (recording_id, start_ms);
CREATE INDEX comments_parent ON comments (parent_id);

-- @mentions, stored for notifications later.
CREATE TABLE comment_mentions (
    comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE clips (
    id           uuid          PRIMARY KEY,
    recording_id uuid          NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    author_id    uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        varchar(200)  NOT NULL,
    note         varchar(2000),
    start_ms     bigint        NOT NULL CHECK (start_ms >= 0),
    end_ms       bigint        NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT clips_range CHECK (end_ms > start_ms)
);
CREATE INDEX clips_recording ON clips (recording_id, start_ms);

-- What a comment or a clip is tagged with: a framework tag or one of the teacher's goals.
-- recording_id lets the timeline read a recording's labels in one indexed query.
CREATE TABLE annotation_labels (
    recording_id uuid NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    comment_id   uuid REFERENCES comments (id) ON DELETE CASCADE,
    clip_id      uuid REFERENCES clips (id) ON DELETE CASCADE,
    tag_id       uuid REFERENCES tags (id) ON DELETE CASCADE,
    goal_id      uuid REFERENCES goals (id) ON DELETE CASCADE,
    CONSTRAINT annotation_labels_one_target CHECK ((comment_id IS NULL AND clip_id IS NOT NULL) OR (comment_id IS NOT NULL AND clip_id IS NULL)),
    CONSTRAINT annotation_labels_one_label CHECK ((tag_id IS NULL AND goal_id IS NOT NULL) OR (tag_id IS NOT NULL AND goal_id IS NULL))
);
CREATE INDEX annotation_labels_recording ON annotation_labels (recording_id);
CREATE INDEX annotation_labels_comment ON annotation_labels (comment_id);
CREATE INDEX annotation_labels_clip ON annotation_labels (clip_id);
CREATE INDEX annotation_labels_goal ON annotation_labels (goal_id);

-- An ordered set of clips for a debrief, all from recordings of one teacher.
CREATE TABLE clip_playlists (
    id         uuid         PRIMARY KEY,
    owner_id   uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    teacher_id uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX clip_playlists_owner ON clip_playlists (owner_id);
CREATE INDEX clip_playlists_teacher ON clip_playlists (teacher_id);

CREATE TABLE clip_playlist_items (
    playlist_id uuid    NOT NULL REFERENCES clip_playlists (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    clip_id     uuid    NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    PRIMARY KEY (playlist_id, position)
);
CREATE INDEX clip_playlist_items_clip ON clip_playlist_items (clip_id);
