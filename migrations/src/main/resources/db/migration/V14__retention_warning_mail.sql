-- Retention's warning by mail (issue 12, item 6): which deletion date each recording's owner has
-- been warned of, so she gets one mail per warning rather than one a day. A new date (the lesson
-- was kept or touched, then fell idle again; or the policy changed) is a new warning.
CREATE TABLE retention_warnings (
    recording_id uuid        PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
    delete_at    timestamptz NOT NULL,
    warned_at    timestamptz NOT NULL
);

-- The outbox learns the warning's cause (the CHECK names every cause a mail may have).
/* [jooq ignore start] */
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_cause_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_cause_check
    CHECK (cause IN ('invitation', 'reset', 'share', 'mention', 'digest', 'retention'));
/* [jooq ignore stop] */
