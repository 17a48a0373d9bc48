-- Retention: an organization's policy, and what it needs to know of each recording.
-- A null number of days turns that rule off; a new organization has no policy (nothing is removed).
CREATE TABLE retention_policies (
    organization_id      uuid        PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    purge_originals_days integer     CHECK (purge_originals_days BETWEEN 1 AND 3650),
    delete_inactive_days integer     CHECK (delete_inactive_days BETWEEN 1 AND 3650),
    warn_days            integer     CHECK (warn_days BETWEEN 1 AND 365),
    updated_by           uuid        REFERENCES users (id) ON DELETE SET NULL,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- renditions_at: when processing published the renditions (originals may be purged N days later).
-- kept_at: the owner's explicit "keep", which counts as activity. source_purged_at: the original
-- was removed by retention (source_key is then null; filename, size and checksum stay as history).
ALTER TABLE recordings
    ADD COLUMN renditions_at    timestamptz,
    ADD COLUMN kept_at          timestamptz,
    ADD COLUMN source_purged_at timestamptz;
UPDATE recordings SET renditions_at = updated_at WHERE status = 'ready';
