// The debrief's clock sync, drift correction and room playback (src/debrief/clock.ts, drift.ts,
// sync.ts) in Node, against a simulated clock, simulated <video>s and a simulated room server
// (test/support/simulated.mjs). No browser, no server.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createWorld, simulatedRoom, simulatedVideo } from './support/simulated.mjs';
import { importSource } from './support/typescript.mjs';

const { createClockSync } = await importSource('src/debrief/clock.ts');
const drift = await importSource('src/debrief/drift.ts');
const { createPlaybackSync, PENDING_TIMEOUT_MS } = await importSource('src/debrief/sync.ts');

/**
 * A room member as the page wires one: its own clock (`clockOffset` from true time), a network
 * path of `delayMs` each way (`upMs` may differ), a video, and the three modules.
 */
function member(world, room, id, { clockOffset = 0, delayMs = 20, upMs = delayMs, video: videoOptions = {} } = {}) {
  const now = () => world.now() + clockOffset;
  const video = simulatedVideo(world, videoOptions);
  const sent = [];
  const m = { id, delayMs, statuses: [], sent, video };
  const send = (frame) => {
    sent.push(frame);
    world.after(upMs, () => room?.heard(m, frame));
  };
  const schedule = (run, ms) => world.after(ms, run);
  const cancel = (e) => world.cancel(e);
  const clock = createClockSync({ now, send: (t0) => send({ type: 'time', t0 }), schedule, cancel });
  const corrector = drift.createDriftCorrector(video, clock.serverNow, () => 600_000);
  video.onseeked = () => corrector.seeked();
  const sync = createPlaybackSync({ clock, corrector, now, send, position: () => video.currentTime * 1000, schedule, cancel });
  m.deliver = (frame) => {
    if (frame.type === 'time') clock.heard(frame.t0, frame.serverTime);
    if (frame.type === 'welcome') sync.welcome(frame.state);
    if (frame.type === 'state') sync.received(frame.state, frame.effectiveAt, frame.cause?.commandId);
    if (frame.type === 'heartbeat') sync.heartbeat(frame.state);
  };
  Object.assign(m, { clock, corrector, sync, now });
  return m;
}

test('the clock keeps the sample with the least round trip and is off by at most half of it', () => {
  const world = createWorld();
  const trueOffset = -4321; // this laptop's clock is 4.3 s ahead of the server
  const now = () => world.now() - trueOffset;
  const trips = [[120, 20], [15, 15], [5, 200], [40, 10], [60, 60]];
  let i = 0;
  const clock = createClockSync({
    now,
    send: (t0) => {
      const [up, down] = trips[i++ % trips.length];
      world.after(up, () => {
        const serverTime = world.now();
        world.after(down, () => clock.heard(t0, serverTime));
      });
    },
    schedule: (run, ms) => world.after(ms, run),
    cancel: (e) => world.cancel(e),
  });
  clock.start();
  world.run(2000);
  assert.equal(clock.rtt.value, 30, 'the 15 + 15 ms sample is kept');
  assert.equal(clock.offset.value, trueOffset, 'a symmetric trip gives the exact offset');
  assert.ok(Math.abs(clock.toLocal(world.now()) - now()) < 1, 'a server instant converts to the local one');
});

test('an asymmetric path costs at most half the round trip, and old samples are forgotten', () => {
  const world = createWorld();
  let up = 90;
  const clock = createClockSync({
    now: world.now,
    send: (t0) => world.after(up, () => {
      const serverTime = world.now();
      world.after(10, () => clock.heard(t0, serverTime));
    }),
    schedule: (run, ms) => world.after(ms, run),
    cancel: (e) => world.cancel(e),
  });
  clock.start();
  world.run(1000);
  assert.equal(clock.rtt.value, 100);
  assert.ok(Math.abs(clock.offset.value) <= 50, `offset ${clock.offset.value} within rtt/2`);
  up = 30; // the network got better: a re-sample finds it
  world.run(11_000);
  assert.equal(clock.rtt.value, 40);
  up = 300; // and worse; the good sample ages out after a minute and the best recent one is used
  world.run(75_000);
  assert.equal(clock.rtt.value, 310);
});

function corrector(world, target, { skew = 0 } = {}) {
  const video = simulatedVideo(world, { skew, seekMs: 50 });
  const c = drift.createDriftCorrector(video, world.now, () => 600_000);
  video.onseeked = () => c.seeked();
  return { video, c };
}

test('inside the ±40 ms dead band nothing is touched', () => {
  const world = createWorld();
  const { video, c } = corrector(world);
  video.currentTime = 10.03;
  world.run(100);
  video.rates.length = 0;
  const seeks = video.seeks;
  c.apply({ positionMs: 10_000, at: world.now(), paused: false, rate: 1 });
  world.run(3000, { step: 250, onStep: () => c.tick() });
  assert.deepEqual(video.rates, [], 'no rate change');
  assert.equal(video.seeks, seeks, 'no seek');
});

test('300 ms behind: a rate nudge of at most 10 %, back to the room rate in the dead band, then 2 s of quiet', () => {
  const world = createWorld();
  const { video, c } = corrector(world);
  c.apply({ positionMs: 0, at: world.now(), paused: false, rate: 1 });
  world.run(1000, { step: 250, onStep: () => c.tick() });
  // The picture stalls for 300 ms (a decoder hiccup): it is now behind.
  video.pause();
  world.run(300);
  video.play();
  const seeks = video.seeks;
  const log = [];
  world.run(6000, { step: 100, onStep: () => log.push({ t: world.now(), did: c.tick(), rate: video.playbackRate, error: c.error() }) });
  assert.equal(video.seeks, seeks, 'no seek for a 300 ms gap');
  const rates = video.rates.filter((r) => r !== 1);
  assert.ok(rates.length > 0 && rates.every((r) => r > 1 && r <= 1.1 + 1e-9), `nudged up by at most 10 %: ${rates}`);
  assert.equal(video.playbackRate, 1, 'back at the room rate');
  assert.ok(Math.abs(c.error()) <= drift.DEAD_BAND_MS, `in the dead band: ${c.error()} ms`);
  const end = log.findIndex((s, i) => i > 0 && log[i - 1].rate !== 1 && s.rate === 1);
  const next = log.findIndex((s, i) => i > end && s.did !== 'none');
  assert.ok(next === -1 || log[next].t - log[end].t >= drift.COOLDOWN_MS, 'no correction within 2 s of the last');
});

test('a play that takes effect 400 ms after its moment starts the paused video where the room already is', () => {
  const world = createWorld();
  const { video, c } = corrector(world);
  c.apply({ positionMs: 5_000, at: world.now(), paused: true, rate: 1 });
  world.run(1000, { step: 250, onStep: () => c.tick() });
  assert.ok(video.paused && Math.abs(video.currentTime * 1000 - 5_000) <= 5, 'paused on the frame');
  // The play was due 400 ms ago (it came late through a busy node): starting at 5 s would leave it 400 ms behind.
  c.apply({ positionMs: 5_000, at: world.now() - 400, paused: false, rate: 1 }, false);
  world.run(600, { step: 100, onStep: () => c.tick() });
  assert.ok(!video.paused, 'playing');
  assert.ok(Math.abs(c.error()) <= drift.DEAD_BAND_MS, `with the room from the start: ${c.error()} ms off`);
});

test('beyond 1.5 s: one seek, and no new correction for 2 s', () => {
  const world = createWorld();
  const { video, c } = corrector(world);
  c.apply({ positionMs: 20_000, at: world.now(), paused: false, rate: 1 });
  world.run(1000, { step: 250, onStep: () => c.tick() });
  video.currentTime = 17; // someone scrubbed the element itself, 4 s behind
  world.run(100);
  const did = [];
  world.run(2500, { step: 100, onStep: () => did.push(c.tick()) });
  assert.equal(did.filter((d) => d === 'seek').length, 1, 'one seek');
  assert.ok(did.every((d) => d !== 'nudge'), 'no nudge chases the seek inside the cooldown');
  assert.ok(Math.abs(c.error()) < 150, `close after the seek: ${c.error()} ms`);
});

test('a player whose clock runs 1 % fast is held within the dead band plus 2 s of drift by nudges alone', () => {
  const world = createWorld();
  const { video, c } = corrector(world, null, { skew: 0.01 });
  c.apply({ positionMs: 0, at: world.now(), paused: false, rate: 1 });
  world.run(200, { step: 100, onStep: () => c.tick() });
  const seeks = video.seeks;
  let worst = 0;
  world.run(60_000, { step: 250, onStep: () => { c.tick(); worst = Math.max(worst, Math.abs(c.error())); } });
  assert.equal(video.seeks, seeks, 'no seek');
  assert.ok(worst < drift.DEAD_BAND_MS + 0.01 * drift.COOLDOWN_MS + 10, `worst ${worst.toFixed(1)} ms`);
  assert.ok(video.rates.every((r) => r >= 0.9 - 1e-9 && r <= 1.1 + 1e-9));
});

test('paused: the video waits at the exact frame', () => {
  const world = createWorld();
  const { video, c } = corrector(world);
  c.apply({ positionMs: 0, at: world.now(), paused: false, rate: 1 });
  world.run(2000, { step: 100, onStep: () => c.tick() });
  c.apply({ positionMs: 5_250, at: world.now(), paused: true, rate: 1 });
  world.run(1000, { step: 100, onStep: () => c.tick() });
  assert.equal(video.paused, true);
  assert.equal(video.currentTime, 5.25);
});

test('a room that runs past the end waits on the last frame instead of starting the video again', () => {
  const world = createWorld();
  const video = simulatedVideo(world, { seekMs: 50 });
  const c = drift.createDriftCorrector(video, world.now, () => 10_000);
  video.onseeked = () => c.seeked();
  c.apply({ positionMs: 9_000, at: world.now(), paused: false, rate: 1 });
  let plays = 0;
  const play = video.play;
  video.play = () => { plays++; return play(); };
  world.run(5000, { step: 100, onStep: () => c.tick() });
  assert.equal(video.paused, true, 'paused at the end');
  assert.ok(Math.abs(video.currentTime - 9.9) < 0.05, `on the last frame: ${video.currentTime}`);
  assert.equal(plays, 0, 'never played again from 0');
  c.apply({ positionMs: 12_000, at: world.now(), paused: true, rate: 1 });
  const seeks = video.seeks;
  world.run(6000, { step: 100, onStep: () => c.tick() });
  assert.equal(video.seeks, seeks, 'no seek after seek towards a frame past the end');
  assert.ok(Math.abs(video.currentTime - 9.9) < 0.05, 'a paused room past the end shows the last frame');
});

test('a state takes effect at its effectiveAt on the local clock, not when it arrives', () => {
  const world = createWorld();
  const room = simulatedRoom(world, { leadMs: 300 });
  const a = member(world, room, 'a', { clockOffset: 2500, delayMs: 40 });
  room.join(a);
  a.clock.start();
  world.run(1000, { onStep: () => a.sync.tick() });
  a.sync.command('play');
  const sentAt = world.now();
  let started = null;
  world.run(1000, { step: 5, onStep: () => { a.sync.tick(); if (started === null && !a.video.paused) started = world.now(); } });
  // Sent after 40 ms up; effectiveAt = arrival + 300 ms, on the server's clock.
  assert.ok(Math.abs(started - (sentAt + 40 + 300)) <= 5, `played ${started - sentAt} ms after the press, not on arrival`);
});

test('while our seek is unanswered, an older heartbeat does not snap the player back (Syncplay#452)', () => {
  const world = createWorld();
  const room = simulatedRoom(world, { leadMs: 200 });
  const a = member(world, room, 'a', { delayMs: 50 });
  room.join(a);
  a.clock.start();
  world.run(500, { onStep: () => a.sync.tick() });
  a.sync.command('play');
  world.run(1000, { onStep: () => a.sync.tick() });
  a.sync.command('seek', { positionMs: 30_000 });
  // A heartbeat the server sent just before our seek arrives while it is pending.
  room.heartbeat();
  world.run(60, { onStep: () => a.sync.tick() });
  assert.ok(a.sync.pending.value, 'the seek is pending');
  world.run(1000, { onStep: () => a.sync.tick() });
  assert.equal(a.sync.pending.value, null, 'answered');
  assert.ok(a.video.currentTime > 30, `at ${a.video.currentTime}s, not snapped back`);
  // The old state never took effect after the seek was sent: the video only moved forward.
  const seekTargets = a.video.seeks;
  room.heartbeat();
  world.run(500, { onStep: () => a.sync.tick() });
  assert.equal(a.video.seeks, seekTargets, 'a current heartbeat changes nothing');
});

test('an unanswered command stops blocking after a while; older seqs are ignored; refusals clear it', () => {
  const world = createWorld();
  const a = member(world, null, 'a');
  a.sync.welcome({ seq: 5, item: 0, positionMs: 0, atServerTime: world.now(), paused: true, rate: 1, drivenBy: null });
  const id = a.sync.command('seek', { positionMs: 1000 });
  assert.equal(a.sent.at(-1).basedOnSeq, 5);
  a.sync.received({ seq: 6, item: 0, positionMs: 9000, atServerTime: world.now(), paused: true, rate: 1, drivenBy: 'b' }, world.now(), 'other');
  assert.equal(a.sync.state.value.seq, 5, 'someone else\'s state waits behind our pending command');
  world.run(PENDING_TIMEOUT_MS + 100);
  a.sync.received({ seq: 7, item: 0, positionMs: 9000, atServerTime: world.now(), paused: true, rate: 1, drivenBy: 'b' }, world.now(), 'other');
  assert.equal(a.sync.state.value.seq, 7, 'taken once ours timed out');
  a.sync.received({ seq: 6, item: 0, positionMs: 1, atServerTime: world.now(), paused: true, rate: 1, drivenBy: 'b' }, world.now(), 'late');
  assert.equal(a.sync.state.value.seq, 7, 'an older seq is ignored');
  a.sync.command('pause');
  a.sync.refused(a.sent.at(-1).commandId);
  assert.equal(a.sync.pending.value, null);
  assert.ok(id);
});

test('status every second while playing, and at once when buffering starts or ends', () => {
  const world = createWorld();
  const a = member(world, null, 'a');
  a.sync.welcome({ seq: 1, item: 0, positionMs: 0, atServerTime: world.now(), paused: false, rate: 1, drivenBy: null });
  world.run(3050, { step: 50, onStep: () => a.sync.tick() });
  const statuses = () => a.sent.filter((f) => f.type === 'status');
  assert.equal(statuses().length, 4, 'at 0, 1, 2 and 3 s');
  a.sync.setBuffering(true);
  assert.deepEqual(statuses().at(-1).buffering, true);
  a.sync.setBuffering(true);
  assert.equal(statuses().length, 5, 'only changes are reported between the seconds');
  a.sync.setBuffering(false);
  assert.equal(statuses().at(-1).buffering, false);
});

/** The two positions at the same true instant, in ms. */
function gap(a, b) {
  return Math.abs(a.video.currentTime - b.video.currentTime) * 1000;
}

test('two members with clocks 3 s apart and different networks stay within 250 ms through play, seek, rate and pause, and within two dead bands once settled', (t) => {
  const world = createWorld();
  const room = simulatedRoom(world, { leadMs: 250 });
  const teacher = member(world, room, 'teacher', { clockOffset: -1800, delayMs: 15, video: { skew: 0.002, seekMs: 60 } });
  const coach = member(world, room, 'coach', { clockOffset: 1200, delayMs: 110, upMs: 70, video: { skew: -0.003, seekMs: 140 } });
  for (const m of [teacher, coach]) {
    room.join(m);
    m.clock.start();
  }
  let worst = 0;
  let worstSettled = 0;
  let effective = 0;
  const step = () => {
    teacher.sync.tick();
    coach.sync.tick();
    // Judged from the moment the command takes effect plus the slower seek; "settled" 2.5 s later.
    if (world.now() > effective + 150) worst = Math.max(worst, gap(teacher, coach));
    if (world.now() > effective + 2500) worstSettled = Math.max(worstSettled, gap(teacher, coach));
  };
  const act = (who, action, fields) => {
    who.sync.command(action, fields);
    effective = world.now() + 110 + 250 + 110;
  };
  world.run(1500, { onStep: step });
  act(teacher, 'play');
  world.run(8000, { onStep: step });
  act(coach, 'seek', { positionMs: 42_000 });
  world.run(6000, { onStep: step });
  act(teacher, 'rate', { rate: 1.5 });
  world.run(8000, { onStep: step });
  act(teacher, 'seek', { positionMs: 20_000 });
  world.run(6000, { onStep: step });
  act(coach, 'pause');
  world.run(3000, { onStep: step });
  assert.ok(worst < 250, `worst gap ${worst.toFixed(1)} ms`);
  t.diagnostic(`worst gap ${worst.toFixed(1)} ms, settled ${worstSettled.toFixed(1)} ms`);
  // Each player keeps to ±40 ms of the room, so two can be up to 80 ms apart (plus 2 s of drift).
  assert.ok(worstSettled < 2 * drift.DEAD_BAND_MS + 20, `worst settled gap ${worstSettled.toFixed(1)} ms`);
  assert.ok(teacher.video.paused && coach.video.paused);
  assert.equal(teacher.video.currentTime, coach.video.currentTime, 'paused on the same frame');
  assert.ok(teacher.video.currentTime > 28, `at ${teacher.video.currentTime}s`);
});
