// The server's clock as seen from this tab, estimated NTP-style over the room's socket: the client
// sends `time {t0}` and the server answers `time {t0, serverTime}`. With t1 the local time the
// answer arrived, offset = serverTime − (t0 + t1)/2, wrong by at most half the round trip. So the
// sample with the least round trip wins (NTP's clock filter keeps the least-delay sample for the
// same reason); recent samples only, since a laptop's clock drifts and the network changes.
import { signal } from '@preact/signals';

export type ClockOptions = {
  /** Sends a `time` frame with this local t0. */
  send: (t0: number) => void;
  /** The local clock, in ms (performance.timeOrigin + performance.now() in the browser: monotonic). */
  now: () => number;
  schedule?: (run: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
};

type Sample = { at: number; rtt: number; offset: number };

/** A burst of samples at connect (one may meet a queue), then one every so often. */
export const BURST = 5;
export const BURST_GAP_MS = 150;
export const RESAMPLE_MS = 10_000;
/** Samples older than this are forgotten (about six re-samples). */
export const SAMPLE_TTL_MS = 60_000;

export function createClockSync(options: ClockOptions) {
  const schedule = options.schedule ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const cancel = options.cancel ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const { now, send } = options;
  let samples: Sample[] = [];
  let best: Sample | null = null;
  let timer: unknown = null;
  let running = false;
  /** Server time − local time, in ms; 0 until the first answer. */
  const offset = signal(0);
  /** The round trip of the sample in use (what the estimate may be off by, twice over). */
  const rtt = signal<number | null>(null);

  function choose() {
    const fresh = samples.filter((s) => now() - s.at <= SAMPLE_TTL_MS);
    samples = fresh;
    best = fresh.reduce<Sample | null>((a, s) => (a === null || s.rtt < a.rtt ? s : a), null);
    if (best) {
      offset.value = best.offset;
      rtt.value = best.rtt;
    }
  }

  function sampleNow() {
    send(now());
  }

  function burst(left: number) {
    if (!running) return;
    sampleNow();
    timer = schedule(() => (left > 1 ? burst(left - 1) : steady()), left > 1 ? BURST_GAP_MS : RESAMPLE_MS);
  }

  function steady() {
    if (!running) return;
    sampleNow();
    timer = schedule(steady, RESAMPLE_MS);
  }

  return {
    offset,
    rtt,
    /** Starts sampling (on each connect: the path to a new node has its own delay). */
    start() {
      running = true;
      cancel(timer);
      burst(BURST);
    },
    stop() {
      running = false;
      cancel(timer);
      timer = null;
    },
    /** The server's answer to one of our `time` frames. */
    heard(t0: number, serverTime: number) {
      const t1 = now();
      const trip = t1 - t0;
      if (!(trip >= 0) || !Number.isFinite(serverTime)) return;
      samples.push({ at: t1, rtt: trip, offset: serverTime - (t0 + t1) / 2 });
      choose();
    },
    /**
     * A server time heard without a round trip of ours (the welcome): a rough first estimate,
     * replaced by the first real sample (its round trip counts as unknown, i.e. huge).
     */
    seed(serverTime: number) {
      if (best || !Number.isFinite(serverTime)) return;
      offset.value = serverTime - now();
    },
    /** True once an answer came back. */
    synced: () => best !== null,
    /** The server's time now. */
    serverNow: () => now() + offset.value,
    /** A server instant (effectiveAt) on the local clock. */
    toLocal: (serverTime: number) => serverTime - offset.value,
    toServer: (localTime: number) => localTime + offset.value,
  };
}

export type ClockSync = ReturnType<typeof createClockSync>;
