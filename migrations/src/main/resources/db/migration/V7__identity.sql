-- Identity that admins cannot borrow (issue 12): accounts are opened by invitation, the person sets
-- their own password; people see and end their sessions; sign-in throttling holds across nodes.

-- An invited account has no password until its invitation is accepted.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- One-time links that let a person set their password: the first invitation, or a reset by an
-- admin. Only the SHA-256 of the link's token is stored.
CREATE TABLE invitations (
    token_hash  varchar(64)  PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        varchar(16)  NOT NULL CHECK (kind IN ('invitation', 'reset')),
    created_by  uuid         REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    expires_at  timestamptz  NOT NULL
);
CREATE INDEX invitations_user ON invitations (user_id);

-- What happened to an account, shown to its person so that a misuse is visible to whom it targets.
CREATE TABLE account_events (
    id          uuid         PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        varchar(32)  NOT NULL CHECK (kind IN ('invited', 'activated', 'reset', 'password_changed', 'signed_out_everywhere')),
    actor_id    uuid         REFERENCES users (id) ON DELETE SET NULL,
    device      varchar(100),
    occurred_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX account_events_user ON account_events (user_id, occurred_at);

-- Sessions get an id a person can name ("end this one"), a last-seen time and a device summary
-- ("Firefox on Windows": the summary only, never the raw User-Agent).
ALTER TABLE sessions ADD COLUMN id uuid;
/* [jooq ignore start] */
UPDATE sessions SET id = gen_random_uuid();
/* [jooq ignore stop] */
ALTER TABLE sessions ALTER COLUMN id SET NOT NULL;
ALTER TABLE sessions ALTER COLUMN id SET DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD CONSTRAINT sessions_id UNIQUE (id);
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE sessions ADD COLUMN device varchar(100) NOT NULL DEFAULT 'Unknown device';

/* [jooq ignore start] */
-- Last-seen times change every few minutes and show nowhere a cache serves: they must not drop
-- the session from every node's cache (migration V5's trigger fired on every update).
DROP TRIGGER sessions_notify ON sessions;
CREATE TRIGGER sessions_notify AFTER UPDATE OF token_hash, user_id, csrf_token, expires_at OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_change_of_session();
/* [jooq ignore stop] */

-- Failed sign-ins counted in a window, per account and client address and per address alone, shared
-- by every node. The key is a SHA-256, so no email or address is kept here.
CREATE TABLE login_throttle (
    key_hash     varchar(64)  PRIMARY KEY,
    attempts     integer      NOT NULL,
    window_start timestamptz  NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
