-- A recording's lifecycle (recordings/Lifecycle): processing is three states, one per step, and
-- each step has its own failed state, so a failure records where it happened. The API still shows
-- 'processing' and 'failed', with the failed step beside it.

/* [jooq ignore start] */
-- An interrupted processing starts over at the probe on its next attempt anyway.
UPDATE recordings SET status = 'probing' WHERE status = 'processing';

-- Earlier failures did not record their step: without a source the upload failed; without the
-- probe's facts the probe did; otherwise transcoding is the likeliest.
UPDATE recordings SET status = CASE
        WHEN source_key IS NULL THEN 'upload_failed'
        WHEN duration_ms IS NULL THEN 'probe_failed'
        ELSE 'transcode_failed'
    END
WHERE status = 'failed';
/* [jooq ignore stop] */

ALTER TABLE recordings ADD CONSTRAINT recordings_status_known CHECK (status IN (
    'awaiting_upload', 'uploading', 'uploaded', 'probing', 'transcoding', 'publishing', 'ready',
    'upload_failed', 'probe_failed', 'transcode_failed', 'publish_failed'));
