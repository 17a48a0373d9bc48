// The debrief room's client (src/debrief/room.ts) against a scripted socket, the close codes'
// words, and the drawing geometry (src/player/drawing.ts). Node only; no browser, no server.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createWorld, simulatedVideo } from './support/simulated.mjs';
import { importSource } from './support/typescript.mjs';

const { createRoom } = await importSource('src/debrief/room.ts');
const { closeReason } = await importSource('src/debrief/closeCodes.ts');
const drawing = await importSource('src/player/drawing.ts');

const STATE = { seq: 3, item: 0, positionMs: 12_000, atServerTime: 0, paused: true, rate: 1, drivenBy: 'u-coach' };
const PEOPLE = [
  { userId: 'u-teacher', displayName: 'Ada', role: 'teacher', connected: true, driving: false, catchingUp: false, buffering: false },
  { userId: 'u-coach', displayName: 'Cory', role: 'coach', connected: true, driving: true, catchingUp: false, buffering: false },
];

function scripted() {
  const world = createWorld();
  const sockets = [];
  const room = createRoom({
    url: 'ws://test/api/debriefs/d1/socket',
    now: world.now,
    schedule: (run, ms) => world.after(ms, run),
    cancel: (e) => world.cancel(e),
    open: (url) => {
      const socket = {
        url, readyState: 0, sent: [], onopen: null, onmessage: null, onclose: null, onerror: null,
        send(text) { this.sent.push(JSON.parse(text)); },
        close() { this.readyState = 3; },
        accept(state = { ...STATE, atServerTime: world.now() }) {
          this.readyState = 1;
          this.onopen?.({});
          this.say({ type: 'welcome', you: { id: 'u-teacher', displayName: 'Ada', role: 'teacher' }, serverTime: world.now(), state, presence: { participants: PEOPLE }, presenter: null });
        },
        say(frame) { this.onmessage?.({ data: JSON.stringify(frame) }); },
        drop(code) { this.readyState = 3; this.onclose?.({ code }); },
      };
      sockets.push(socket);
      return socket;
    },
  });
  return { world, room, sockets };
}

test('the welcome fills presence and the state; an attached video goes to the room\'s frame', () => {
  const { world, room, sockets } = scripted();
  room.connect();
  assert.equal(room.status.value, 'connecting');
  sockets[0].accept();
  assert.equal(room.status.value, 'open');
  assert.deepEqual(room.participants.value.map((p) => p.displayName), ['Ada', 'Cory']);
  const video = simulatedVideo(world);
  room.attachVideo(video);
  assert.equal(video.currentTime, 12, 'at the room\'s 0:12');
  assert.ok(sockets[0].sent.some((f) => f.type === 'time'), 'the clock samples over the socket');
});

test('our own pointer and sketch echoes are ignored; the others\' show, a hidden pointer goes, a saved comment replaces its sketch', () => {
  const { room, sockets } = scripted();
  room.connect();
  sockets[0].accept();
  sockets[0].say({ type: 'pointer', by: 'u-teacher', x: 0.1, y: 0.1 });
  sockets[0].say({ type: 'pointer', by: 'u-coach', x: 0.5, y: 0.25 });
  assert.deepEqual(Object.keys(room.pointers.value), ['u-coach']);
  sockets[0].say({ type: 'pointer', by: 'u-coach', x: null, y: null });
  assert.deepEqual(room.pointers.value, {});
  const shapes = [{ kind: 'arrow', points: [[0.1, 0.1], [0.4, 0.5]], color: '#ffd400' }];
  sockets[0].say({ type: 'sketch', by: 'u-coach', shapes });
  assert.deepEqual(room.sketches.value['u-coach'], shapes);
  sockets[0].say({ type: 'comment', comment: { id: 'c1', body: 'Look here', startMs: 12_000, author: { id: 'u-coach' }, drawings: shapes } });
  assert.equal(room.comments.value.length, 1);
  assert.equal(room.sketches.value['u-coach'], undefined);
});

test('pointer moves go out at most about 30 a second, the last one always', () => {
  const { world, room, sockets } = scripted();
  room.connect();
  sockets[0].accept();
  for (let i = 0; i < 100; i++) {
    room.pointer([i / 100, 0.5]);
    world.run(5);
  }
  world.run(100);
  const sent = sockets[0].sent.filter((f) => f.type === 'pointer');
  assert.ok(sent.length <= 500 / 34 + 2, `${sent.length} pointer frames in 0.5 s`);
  assert.equal(sent.at(-1).x, 0.99, 'the last position is sent');
});

test('a dropped socket reconnects with a backoff and starts again from the new welcome', () => {
  const { world, room, sockets } = scripted();
  room.connect();
  sockets[0].accept();
  sockets[0].drop(1006);
  assert.equal(room.status.value, 'reconnecting');
  assert.equal(room.closed.value.title, 'Connection lost');
  world.run(400);
  assert.equal(sockets.length, 1, 'waits first');
  world.run(200);
  assert.equal(sockets.length, 2);
  sockets[1].accept({ ...STATE, seq: 9, atServerTime: world.now() });
  assert.equal(room.status.value, 'open');
  assert.equal(room.closed.value, null);
  assert.equal(room.state.value.seq, 9);
});

for (const code of [4401, 4403, 4404, 4409, 4429, 4400, 1009]) {
  test(`close code ${code} ends the room with its explanation and no reconnect`, () => {
    const { world, room, sockets } = scripted();
    room.connect();
    sockets[0].accept();
    sockets[0].drop(code);
    world.run(60_000);
    assert.equal(sockets.length, 1, 'no reconnect');
    assert.equal(room.status.value, 'closed');
    assert.equal(room.closed.value.code, code);
    assert.ok(room.closed.value.text.length > 30, 'a sentence a person can act on');
    if (code === 4409) assert.ok(room.ended.value, 'an ended room shows its end');
  });
}

test('every close code has its own words; access ended says why', () => {
  const texts = new Set([4401, 4403, 4404, 4409, 4429, 4400, 1009, 4408, 1006].map((c) => closeReason(c).text));
  assert.equal(texts.size, 9);
  assert.match(closeReason(4403, 'access-revoked').text, /stopped sharing/);
  assert.match(closeReason(4403, 'recording-deleted').text, /deleted this recording/);
  assert.equal(closeReason(4408).reconnect, true);
});

test('the frame box of a letterboxed video, and points as fractions of it', () => {
  // A 4:3 video in a 16:9 box: bars left and right.
  const frame = drawing.frameBox({ left: 0, top: 0, width: 1600, height: 900 }, 640, 480);
  assert.deepEqual(frame, { left: 200, top: 0, width: 1200, height: 900 });
  assert.deepEqual(drawing.toFraction(frame, 800, 450), [0.5, 0.5]);
  assert.equal(drawing.toFraction(frame, 100, 450), null, 'on the bar: not on the frame');
  assert.deepEqual(drawing.toFraction(frame, 100, 450, { clamp: true }), [0, 0.5]);
});

test('a long freehand stroke keeps at most 500 points, its ends included, and stays valid', () => {
  const points = Array.from({ length: 5000 }, (_, i) => [0.1 + 0.8 * (i / 4999), 0.5 + 0.3 * Math.sin(i / 50)]);
  const kept = drawing.simplify(points, 0);
  assert.ok(kept.length <= drawing.MAX_POINTS);
  assert.deepEqual(kept[0], points[0]);
  assert.deepEqual(kept.at(-1), points.at(-1));
  assert.ok(drawing.validShape({ kind: 'freehand', points: kept, color: '#ffd400' }));
  assert.ok(!drawing.validShape({ kind: 'circle', points: kept, color: '#ffd400' }));
  assert.ok(!drawing.validShape({ kind: 'rect', points: [[0, 0], [1.2, 1]], color: '#ffd400' }));
  assert.equal(drawing.describeShapes([{ kind: 'arrow' }, { kind: 'rect' }, { kind: 'arrow' }]), 'Drawing: 2 arrows, 1 rectangle');
});
