// The library's rows as the live channel's events for the user change them (src/library/statusEvents.ts).
// Run in Node; no server.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importSource } from './support/typescript.mjs';

const { applyUserEvent } = await importSource('src/library/statusEvents.ts');

const row = (id, more = {}) => ({ id, title: `Lesson ${id}`, status: 'processing', statusReason: null, media: { playable: false, step: 'preparing', progress: 0 }, ...more });
const frame = (type, recordingId, data = {}) => ({ type, recordingId, at: '2026-12-02T00:00:00Z', data });

test('processing progress patches its row in place with the step, and needs no request', () => {
  const list = [row('a'), row('b')];
  const { list: next, reload } = applyUserEvent(list, frame('recording.processing', 'b', { status: 'processing', step: 'transcoding', progress: 42, playable: false }));
  assert.equal(reload, false);
  assert.equal(next[0], list[0], 'the other row keeps its object');
  assert.deepEqual([next[1].status, next[1].media.step, next[1].media.progress], ['processing', 'transcoding', 42]);
});

test('playable, then ready, then failed with its reason', () => {
  let list = [row('a')];
  ({ list } = applyUserEvent(list, frame('recording.playable', 'a')));
  assert.equal(list[0].media.playable, true);
  assert.equal(list[0].status, 'processing');
  const ready = applyUserEvent(list, frame('recording.processing', 'a', { status: 'ready', progress: 100, playable: true }));
  assert.equal(ready.list[0].status, 'ready');
  assert.equal(ready.list[0].media.step, null, 'a ready recording has no step under way');
  assert.equal(ready.reload, true, 'the poster and duration come with the recording');
  const failed = applyUserEvent(list, frame('recording.processing', 'a', { status: 'failed', failedStep: 'transcode', reason: 'The file may be damaged.' }));
  assert.deepEqual([failed.list[0].status, failed.list[0].statusReason, failed.reload], ['failed', 'The file may be damaged.', true]);
});

test('an event for a recording not in the list, a share or a resync reads the list again', () => {
  const list = [row('a')];
  assert.equal(applyUserEvent(list, frame('recording.processing', 'z', { status: 'processing', progress: 5 })).reload, true);
  assert.equal(applyUserEvent(undefined, frame('recording.playable', 'a')).reload, true);
  assert.equal(applyUserEvent(list, frame('share.granted', 'n', { permission: 'view' })).reload, true);
  assert.equal(applyUserEvent(list, frame('resync', null)).reload, true);
});

test('a revoked share takes its row away at once', () => {
  const { list, reload } = applyUserEvent([row('a'), row('s', { access: 'view', status: 'ready' })], frame('share.revoked', 's'));
  assert.deepEqual(list.map((r) => r.id), ['a']);
  assert.equal(reload, true);
});

test('events the library does not show change nothing', () => {
  const list = [row('a')];
  assert.deepEqual(applyUserEvent(list, frame('comment.created', 'a', { id: 'c' })), { list, reload: false });
});
