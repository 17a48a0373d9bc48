-- Live debriefs (issue 13): rooms where a teacher and a coach watch one recording or a playlist's
-- clips in step, draw and comment, and end with next steps on the teacher's goal.

-- Drawings saved with a comment (arrow, rect, freehand; points as 0-1 fractions of the frame), as
-- the JSON array the API speaks; shown again whenever that moment is reviewed.
ALTER TABLE comments ADD COLUMN drawings text;

-- A room and its playback state. Commands update the state row by row (seq + 1 in one UPDATE ...
-- RETURNING), so two drivers on two nodes are put in one order by PostgreSQL; a node that takes
-- over a client reads the state back from here. at_server_time is epoch milliseconds.
CREATE TABLE debriefs (
    id              uuid             PRIMARY KEY,
    title           varchar(200)     NOT NULL,
    created_by      uuid             NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    teacher_id      uuid             NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recording_id    uuid             REFERENCES recordings (id) ON DELETE CASCADE,
    playlist_id     uuid             REFERENCES clip_playlists (id) ON DELETE SET NULL,
    presenter_mode  boolean          NOT NULL DEFAULT false,
    presenter_id    uuid             REFERENCES users (id) ON DELETE SET NULL,
    scheduled_at    timestamptz,
    started_at      timestamptz,
    ended_at        timestamptz,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    seq             bigint           NOT NULL DEFAULT 0,
    item            integer          NOT NULL DEFAULT 0,
    position_ms     bigint           NOT NULL DEFAULT 0,
    at_server_time  bigint           NOT NULL DEFAULT 0,
    paused          boolean          NOT NULL DEFAULT true,
    rate            double precision NOT NULL DEFAULT 1,
    driven_by       uuid             REFERENCES users (id) ON DELETE SET NULL,
    summary         text
);
CREATE INDEX debriefs_teacher ON debriefs (teacher_id);

-- What the room plays, fixed when it is made: the recording whole, or the playlist's clips.
-- watched: the clip was played in the room (the summary's "clips watched").
CREATE TABLE debrief_items (
    debrief_id   uuid         NOT NULL REFERENCES debriefs (id) ON DELETE CASCADE,
    position     integer      NOT NULL,
    recording_id uuid         NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    clip_id      uuid         REFERENCES clips (id) ON DELETE SET NULL,
    title        varchar(200) NOT NULL,
    start_ms     bigint       NOT NULL,
    end_ms       bigint,
    watched      boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (debrief_id, position)
);
CREATE INDEX debrief_items_recording ON debrief_items (recording_id);

-- Comments made in a room, with how many shapes they carry, for its summary.
CREATE TABLE debrief_comments (
    debrief_id uuid    NOT NULL REFERENCES debriefs (id) ON DELETE CASCADE,
    comment_id uuid    NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    drawings   integer NOT NULL,
    PRIMARY KEY (debrief_id, comment_id)
);

-- Who is in a room right now, one row per open socket on any node. seen_at is refreshed while the
-- socket lives; a node that dies leaves rows that stop counting once they are stale.
CREATE TABLE debrief_presence (
    socket_id   uuid        PRIMARY KEY,
    debrief_id  uuid        NOT NULL REFERENCES debriefs (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rtt_ms      integer     NOT NULL DEFAULT 0,
    buffering   boolean     NOT NULL DEFAULT false,
    catching_up boolean     NOT NULL DEFAULT false,
    seen_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX debrief_presence_room ON debrief_presence (debrief_id);

-- A next step agreed for a goal, with the summary of the debrief it came from (kept when the room
-- goes with its recording): it shows in the goal's evidence.
CREATE TABLE goal_next_steps (
    id            uuid          PRIMARY KEY,
    goal_id       uuid          NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    author_id     uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body          varchar(1000) NOT NULL,
    debrief_id    uuid          REFERENCES debriefs (id) ON DELETE SET NULL,
    debrief_title varchar(200),
    summary       text,
    created_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX goal_next_steps_goal ON goal_next_steps (goal_id, created_at);
