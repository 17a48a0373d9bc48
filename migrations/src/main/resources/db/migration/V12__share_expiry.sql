-- Shares that expire (issue 12 item 5): a share may end at a date and time. The access rule
-- compares expires_at with the clock on every decision; lapsed_at records that the lapse was
-- announced (audit, open live subscriptions ended), so exactly one node announces each lapse.
-- Setting lapsed_at is an UPDATE, which V5's trigger turns into an access notification on every node.
ALTER TABLE recording_shares ADD COLUMN expires_at timestamptz;
ALTER TABLE recording_shares ADD COLUMN lapsed_at timestamptz;
/* [jooq ignore start] */
CREATE INDEX recording_shares_to_lapse ON recording_shares (expires_at) WHERE expires_at IS NOT NULL AND lapsed_at IS NULL;
/* [jooq ignore stop] */
