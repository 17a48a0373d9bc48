// The browser side of the live channel (src/live/live.ts) against a scripted fake socket, and the
// review page's store as live events change it. Run in Node; no server.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importSource } from './support/typescript.mjs';

const { createLiveChannel } = await importSource('src/live/live.ts');
const { createStore } = await importSource('src/review/store.ts');

/** Sockets the channel opened, each recording what was sent; the test plays the server. */
function fakeNetwork() {
  const sockets = [];
  const timers = [];
  const channel = createLiveChannel({
    url: () => 'ws://test/api/live',
    open: (url) => {
      const socket = {
        url, readyState: 0, sent: [], onopen: null, onmessage: null, onclose: null, onerror: null,
        send(text) { this.sent.push(JSON.parse(text)); },
        close() { this.readyState = 3; },
        // what the server does
        accept() { this.readyState = 1; this.onopen?.({}); this.say({ type: 'welcome', recordingId: null, data: {} }); },
        say(frame) { this.onmessage?.({ data: JSON.stringify({ at: '2026-12-01T00:00:00Z', data: {}, ...frame }) }); },
        drop(code = 1006) { this.readyState = 3; this.onclose?.({ code }); },
      };
      sockets.push(socket);
      return socket;
    },
    schedule: (run, ms) => {
      timers.push({ run, ms });
      return timers.length - 1;
    },
    cancel: (i) => { timers[i] = null; },
    random: () => 1,
  });
  const fire = () => {
    const timer = timers.shift();
    assert.ok(timer, 'a reconnect was scheduled');
    timer.run();
    return timer.ms;
  };
  return { channel, sockets, timers, fire };
}

test('a subscription opens one socket, subscribes after the welcome and hears only its recording', () => {
  const { channel, sockets } = fakeNetwork();
  const heard = [];
  const other = [];
  channel.subscribe('r1', (f) => heard.push(f.type));
  channel.subscribe('r2', (f) => other.push(f.type));
  assert.equal(sockets.length, 1, 'one socket per tab');
  assert.equal(channel.status.value, 'connecting');
  sockets[0].accept();
  assert.equal(channel.status.value, 'open');
  assert.deepEqual(sockets[0].sent, [{ type: 'subscribe', recordingId: 'r1' }, { type: 'subscribe', recordingId: 'r2' }]);
  sockets[0].say({ type: 'subscribed', recordingId: 'r1', data: { access: 'comment' } });
  sockets[0].say({ id: 'e1', type: 'comment.created', recordingId: 'r1', data: { id: 'c1' } });
  assert.deepEqual(heard, ['subscribed', 'comment.created']);
  assert.deepEqual(other, []);
});

test('the user\'s own events go to onUserEvent listeners, a followed recording\'s processing to both', () => {
  const { channel, sockets } = fakeNetwork();
  const user = [];
  const page = [];
  const stop = channel.onUserEvent((f) => user.push(`${f.type}:${f.recordingId}:${f.data.progress ?? ''}`));
  assert.equal(sockets.length, 1, 'listening opens the socket');
  channel.subscribe('r1', (f) => page.push(f.type));
  sockets[0].accept();
  sockets[0].say({ id: 'e2', type: 'recording.processing', recordingId: 'r9', data: { progress: 40 } });
  sockets[0].say({ id: 'e3', type: 'recording.processing', recordingId: 'r1', data: { progress: 60 } });
  sockets[0].say({ id: 'e4', type: 'comment.created', recordingId: 'r1', data: { id: 'c1' } });
  sockets[0].say({ type: 'subscribed', recordingId: 'r1', data: { access: 'owner' } });
  sockets[0].say({ type: 'ended', recordingId: 'r7', data: { reason: 'unsubscribed' } });
  assert.deepEqual(user, ['recording.processing:r9:40', 'recording.processing:r1:60']);
  assert.deepEqual(page, ['recording.processing', 'comment.created', 'subscribed']);
  stop();
  sockets[0].say({ id: 'e5', type: 'share.granted', recordingId: 'r8', data: { permission: 'view' } });
  assert.equal(user.length, 2, 'a listener that left hears nothing more');
});

test('after a reconnect or a server resync, user listeners are asked to reload too', () => {
  const { channel, sockets, fire } = fakeNetwork();
  const user = [];
  channel.onUserEvent((f) => user.push(`${f.type}:${f.recordingId}`));
  sockets[0].accept();
  assert.deepEqual(user, [], 'the first welcome is no reconnect');
  sockets[0].drop();
  fire();
  sockets[1].accept();
  sockets[1].say({ type: 'resync', recordingId: null });
  assert.deepEqual(user, ['resync:null', 'resync:null']);
});

test('after a drop it reconnects with a doubling backoff, subscribes again and asks subscribers to reload', () => {
  const { channel, sockets, fire } = fakeNetwork();
  const heard = [];
  channel.subscribe('r1', (f) => heard.push(f.type));
  sockets[0].accept();
  sockets[0].drop();
  assert.equal(channel.status.value, 'retrying');
  const waits = [fire()];
  sockets[1].drop();
  waits.push(fire());
  sockets[2].drop();
  waits.push(fire());
  assert.deepEqual(waits, [500, 1000, 2000]);
  sockets[3].accept();
  assert.deepEqual(sockets[3].sent, [{ type: 'subscribe', recordingId: 'r1' }]);
  assert.deepEqual(heard, ['resync'], 'what was said while down is reloaded');
  sockets[3].drop();
  assert.equal(fire(), 500, 'a welcome resets the backoff');
});

test('the backoff stops growing at 30 seconds', () => {
  const { channel, sockets, fire } = fakeNetwork();
  channel.connect();
  let wait = 0;
  for (let i = 0; i < 12; i++) {
    sockets.at(-1).drop();
    wait = fire();
  }
  assert.equal(wait, 30_000);
});

test('a server resync frame asks every subscriber to reload', () => {
  const { channel, sockets } = fakeNetwork();
  const heard = [];
  channel.subscribe('r1', (f) => heard.push(`${f.type}:${f.recordingId}`));
  channel.subscribe('r2', (f) => heard.push(`${f.type}:${f.recordingId}`));
  sockets[0].accept();
  sockets[0].say({ type: 'resync', recordingId: null });
  assert.deepEqual(heard, ['resync:r1', 'resync:r2']);
});

test('a socket closed because the session ended is not reopened until asked again', () => {
  const { channel, sockets, timers } = fakeNetwork();
  channel.subscribe('r1', () => {});
  sockets[0].accept();
  sockets[0].drop(4401);
  assert.equal(channel.status.value, 'signed-out');
  assert.equal(timers.length, 0);
  channel.subscribe('r2', () => {});
  assert.equal(sockets.length, 2);
});

test('the last handler leaving unsubscribes; close forgets everything', () => {
  const { channel, sockets } = fakeNetwork();
  const stopA = channel.subscribe('r1', () => {});
  const stopB = channel.subscribe('r1', () => {});
  sockets[0].accept();
  stopA();
  assert.deepEqual(sockets[0].sent, [{ type: 'subscribe', recordingId: 'r1' }]);
  stopB();
  assert.deepEqual(sockets[0].sent.at(-1), { type: 'unsubscribe', recordingId: 'r1' });
  channel.close();
  assert.equal(channel.status.value, 'idle');
  assert.equal(sockets[0].readyState, 3);
});

const comment = (id, startMs, more = {}) => ({ id, startMs, endMs: null, body: `c ${id}`, visibility: 'shared', tags: [],
  createdAt: `2026-12-01T00:00:0${id.length}Z`, edited: false, deleted: false, author: { id: 'u', displayName: 'U' }, ...more });

test('live comments land in time order, replies in their thread, and unchanged threads keep their objects', () => {
  const store = createStore();
  store.replace({ threads: [{ ...comment('a', 1000), replies: [] }, { ...comment('b', 5000), replies: [] }], clips: [] });
  const [a, b] = store.threads.value;
  store.apply('comment.created', comment('c', 3000));
  assert.deepEqual(store.threads.value.map((t) => t.id), ['a', 'c', 'b']);
  assert.equal(store.threads.value[0], a, 'a thread that did not change is the same object');
  store.apply('comment.created', comment('r', null, { parentId: 'b' }));
  assert.deepEqual(store.threads.value[2].replies.map((r) => r.id), ['r']);
  store.apply('comment.created', comment('c', 3000), 'the same event twice');
  assert.equal(store.threads.value.length, 3);
  store.apply('comment.deleted', comment('a', 1000, { deleted: true, body: null }));
  assert.equal(store.threads.value[0].deleted, true);
  assert.notEqual(store.threads.value[2], b);
  store.replace({ threads: store.threads.value.map((t) => ({ ...t })), clips: [] });
  assert.equal(store.threads.value[2].replies.length, 1);
});

test('clips are added, changed and removed by their events', () => {
  const store = createStore();
  store.replace({ threads: [], clips: [] });
  store.apply('clip.created', { id: 'k1', startMs: 4000, endMs: 8000, title: 'Turn and talk', updatedAt: 'x', tags: [] });
  store.apply('clip.created', { id: 'k2', startMs: 1000, endMs: 2000, title: 'Warm-up', updatedAt: 'x', tags: [] });
  assert.deepEqual(store.clips.value.map((c) => c.id), ['k2', 'k1']);
  store.apply('clip.deleted', { id: 'k2' });
  assert.deepEqual(store.clips.value.map((c) => c.id), ['k1']);
});

test('a socket that answers no ping is given up and reopened; any frame counts as an answer', () => {
  const sockets = [];
  const timers = [];
  let online = null;
  const channel = createLiveChannel({
    url: () => 'ws://test/api/live',
    open: () => {
      const socket = {
        readyState: 0, sent: [], closed: null, onopen: null, onmessage: null, onclose: null, onerror: null,
        send(text) { this.sent.push(JSON.parse(text)); },
        close(code) { this.readyState = 3; this.closed = code; },
      };
      sockets.push(socket);
      return socket;
    },
    schedule: (run, ms) => timers.push({ run, ms, live: true }) - 1,
    cancel: (i) => { timers[i].live = false; },
    random: () => 1,
    heartbeatMs: 25_000,
    onOnline: (run) => { online = run; },
  });
  const due = (ms) => {
    const at = timers.findIndex((t) => t.live && t.ms === ms);
    assert.ok(at >= 0, `a timer of ${ms} ms is waiting`);
    timers[at].live = false;
    timers[at].run();
  };
  const say = (socket, frame) => socket.onmessage({ data: JSON.stringify({ recordingId: null, at: 'x', data: {}, ...frame }) });
  channel.connect();
  sockets[0].readyState = 1;
  say(sockets[0], { type: 'welcome' });
  due(25_000);
  assert.deepEqual(sockets[0].sent, [{ type: 'ping', data: {} }]);
  say(sockets[0], { type: 'pong' });
  assert.ok(!timers.some((t) => t.live && t.ms === 10_000), 'the answer stopped the wait');
  due(25_000);
  due(10_000);
  assert.equal(sockets[0].closed, 4000, 'given up');
  assert.equal(channel.status.value, 'retrying');
  sockets[0].onclose?.({ code: 1006 });
  assert.equal(timers.filter((t) => t.live && t.ms === 500).length, 1, 'one reconnect, however late the close event comes');
  online();
  assert.equal(sockets.length, 2, 'the network back: reconnected at once, without waiting');
  assert.ok(!timers.some((t) => t.live && t.ms === 500), 'and the pending reconnect was cancelled');
});
