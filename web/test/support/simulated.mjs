// A simulated world for the debrief's sync modules: one true time, events queued on it, clocks
// that are off by a set amount, <video>s whose seeks take a while and whose clocks run a little
// fast or slow, and a room server that orders commands as the real one does.

/** Time and a queue of what happens when; `run(ms)` moves time on, firing what falls due. */
export function createWorld() {
  let time = 1_000_000;
  let order = 0;
  const queue = [];
  const world = {
    now: () => time,
    at(when, run) {
      const event = { when, order: order++, run, cancelled: false };
      queue.push(event);
      return event;
    },
    after(ms, run) {
      return world.at(time + Math.max(0, ms), run);
    },
    cancel(event) {
      if (event) event.cancelled = true;
    },
    /** Moves time on by `ms` in `step`-ms slices, calling each `onStep` after each slice. */
    run(ms, { step = 10, onStep = () => {} } = {}) {
      const end = time + ms;
      while (time < end) {
        const next = Math.min(end, time + step);
        for (;;) {
          queue.sort((a, b) => a.when - b.when || a.order - b.order);
          const due = queue[0];
          if (!due || due.when > next) break;
          queue.shift();
          if (due.cancelled) continue;
          advanceTo(due.when);
          due.run();
        }
        advanceTo(next);
        onStep();
      }
    },
    videos: [],
  };
  function advanceTo(when) {
    const dt = when - time;
    if (dt <= 0) return;
    for (const video of world.videos) video.advance(dt);
    time = when;
  }
  return world;
}

/**
 * A <video>: plays at playbackRate × (1 + skew) (hardware clocks differ), a seek takes `seekMs`
 * during which `seeking` is true and the picture stands still, play() starts after `startMs`.
 */
export function simulatedVideo(world, { skew = 0, seekMs = 80, startMs = 30 } = {}) {
  let position = 0;
  let rate = 1;
  let seek = null;
  let starting = false;
  const video = {
    paused: true,
    seeking: false,
    seeks: 0,
    /** Every playbackRate assigned, in order. */
    rates: [],
    get currentTime() {
      return position;
    },
    set currentTime(value) {
      world.cancel(seek);
      position = value;
      video.seeks++;
      video.seeking = true;
      seek = world.after(seekMs, () => {
        video.seeking = false;
        seek = null;
        video.onseeked?.();
      });
    },
    get playbackRate() {
      return rate;
    },
    set playbackRate(value) {
      rate = value;
      video.rates.push(value);
    },
    play() {
      if (video.paused) {
        video.paused = false;
        starting = true;
        world.after(startMs, () => (starting = false));
      }
      return Promise.resolve();
    },
    pause() {
      video.paused = true;
    },
    advance(dt) {
      if (!video.paused && !video.seeking && !starting) position += (dt / 1000) * rate * (1 + skew);
    },
  };
  world.videos.push(video);
  return video;
}

/**
 * The room server: server time = true time, a state with seq, each command given the next seq and
 * `effectiveAt = now + lead` and sent to every member after that member's one-way delay.
 */
export function simulatedRoom(world, { leadMs = 200 } = {}) {
  const members = [];
  let state = { seq: 0, item: 0, positionMs: 0, atServerTime: world.now(), paused: true, rate: 1, drivenBy: null };
  function positionAt(t) {
    return state.paused ? state.positionMs : state.positionMs + (t - state.atServerTime) * state.rate;
  }
  const room = {
    state: () => state,
    join(member) {
      members.push(member);
      world.after(member.delayMs, () => member.deliver({ type: 'welcome', state }));
    },
    /** What the server does with a frame from `member`, once it arrives. */
    heard(member, frame) {
      if (frame.type === 'time') {
        const serverTime = world.now();
        world.after(member.delayMs, () => member.deliver({ type: 'time', t0: frame.t0, serverTime }));
        return;
      }
      if (frame.type === 'status') {
        member.statuses.push(frame);
        return;
      }
      if (frame.type !== 'command') return;
      const effectiveAt = world.now() + leadMs;
      const at = positionAt(effectiveAt);
      const next = { ...state, seq: state.seq + 1, atServerTime: effectiveAt, drivenBy: member.id };
      if (frame.action === 'play') Object.assign(next, { paused: false, positionMs: at });
      if (frame.action === 'pause') Object.assign(next, { paused: true, positionMs: frame.positionMs ?? at });
      if (frame.action === 'seek') Object.assign(next, { positionMs: frame.positionMs });
      if (frame.action === 'rate') Object.assign(next, { rate: frame.rate, positionMs: at });
      state = next;
      for (const m of members) {
        world.after(m.delayMs, () => m.deliver({ type: 'state', state: next, effectiveAt, cause: { action: frame.action, by: member.id, commandId: frame.commandId } }));
      }
    },
    /** A heartbeat to everyone (the server sends one a second while playing). */
    heartbeat() {
      const serverTime = world.now();
      const now = state;
      for (const m of members) world.after(m.delayMs, () => m.deliver({ type: 'heartbeat', serverTime, state: now }));
    },
  };
  return room;
}
