-- Mail (issue 12, item 2): what each person wants to hear by mail, the outbox the sender works
-- from, and the days whose digest has been planned.

-- No row: everything on. Invitations and resets are not optional: they are how an account opens.
CREATE TABLE mail_preferences (
    user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    digest     boolean     NOT NULL DEFAULT true,
    shares     boolean     NOT NULL DEFAULT true,
    mentions   boolean     NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per mail, written in the transaction of what caused it (cause, cause_id) together with
-- the mail.send job that delivers it. dedupe_key makes a cause mail at most once ('digest:<user>:<day>').
-- Once sent, the bodies are cleared: a sent invitation's link, names and excerpts are not kept.
CREATE TABLE mail_outbox (
    id           uuid          PRIMARY KEY,
    dedupe_key   varchar(200)  NOT NULL UNIQUE,
    recipient_id uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_address   varchar(320)  NOT NULL,
    cause        varchar(16)   NOT NULL CHECK (cause IN ('invitation', 'reset', 'share', 'mention', 'digest')),
    cause_id     uuid,
    subject      varchar(300)  NOT NULL,
    text_body    varchar(20000),
    html_body    varchar(40000),
    created_at   timestamptz   NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient_id, created_at);

-- The node that inserts a day's row plans that day's digests; every other node finds it there.
CREATE TABLE mail_digest_days (
    day        date        PRIMARY KEY,
    planned_at timestamptz NOT NULL DEFAULT now()
);
