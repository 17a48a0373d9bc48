// Web benchmark (DESIGN §7): the first screen's JavaScript ≤ 100 KB gzipped; the review page of a
// lesson with 1,000 comments interactive ≤ 1 s after navigation, with no long task over 50 ms while
// playing or scrubbing; the first frame ≤ 1 s after pressing play. Starts the server jar, seeds a
// shared lesson through the API, and measures in headless Debian Chromium (playwright-core) with the
// page's own PerformanceObserver. Every knob is an environment variable (run.sh lists them).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { bootstrapEnv } from '../../web/test/support/api.mjs';
import { launchBrowser, signInThroughForm } from '../../web/test/support/browser.mjs';
import { sharedLesson } from '../../web/test/support/review.mjs';
import { killLeftoverPostgres, startServer, tailOf } from '../../web/test/support/server.mjs';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'web', 'dist');
const COMMENTS = Number(env.LESSONLOOP_BENCH_COMMENTS ?? 1000);
const VIDEO_SECONDS = Number(env.LESSONLOOP_BENCH_VIDEO_SECONDS ?? 180);
const ROUNDS = Number(env.LESSONLOOP_BENCH_ROUNDS ?? 3);
const PLAY_SECONDS = Number(env.LESSONLOOP_BENCH_PLAY_SECONDS ?? 10);
const TARGETS = { firstScreenKB: 100, interactiveMs: 1000, longTaskMs: 50, firstFrameMs: 1000 };

const work = await mkdtemp(join(tmpdir(), 'lessonloop-web-bench-'));
const dataDir = join(work, 'server-data');
const serverLog = join(work, 'server.log');
let server;
let browser;

try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err.stack ?? err}`);
  console.error(`\n--- server log (last lines) ---\n${tailOf(serverLog, 40)}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) await server.stop();
  await killLeftoverPostgres(dataDir);
  await rm(work, { recursive: true, force: true });
}

function log(line) {
  console.log(line);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The scripts index.html loads before anything is clicked (its module and what it preloads), gzipped. */
function firstScreen() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const size = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  const chunks = files.map((file) => ({ file, gzip: size(file) }));
  const lazy = (prefix) => {
    const file = readdirSync(join(dist, 'assets')).find((f) => f.startsWith(prefix) && f.endsWith('.js'));
    return file ? size(`assets/${file}`) : null;
  };
  // A teacher's first screen after signing in is the library: its chunk counts too.
  const total = chunks.reduce((n, c) => n + c.gzip, 0) + (lazy('LibraryPage-') ?? 0);
  return { chunks, total, library: lazy('LibraryPage-'), review: lazy('ReviewPage-'), hls: lazy('hls') };
}

/** 1,000 comments as a review has them: points and ranges, tags, replies, a few private notes, some clips. */
async function seed(lesson) {
  const { coachSession, teacherSession, recording, tags } = lesson;
  const duration = recording.media.durationMs;
  const jobs = Array.from({ length: COMMENTS }, (_, i) => async () => {
    const startMs = Math.floor(((i + 0.5) / COMMENTS) * (duration - 3000));
    const teacherWrites = i % 4 === 0;
    const session = teacherWrites ? teacherSession : coachSession;
    const comment = await session.post(`/api/recordings/${recording.id}/comments`, {
      startMs,
      endMs: i % 6 === 0 ? startMs + 2500 : null,
      body: `Moment ${i + 1}: ${i % 3 ? 'students turn and talk about the fraction strip' : 'teacher asks why the denominators must match, waits, and three hands go up'}`,
      tagIds: i % 3 === 0 ? [] : [tags[i % tags.length].id],
      visibility: i % 10 === 9 && !teacherWrites ? 'private' : 'shared',
    }, 201);
    if (i % 5 === 0 && comment.visibility === 'shared') {
      await (teacherWrites ? coachSession : teacherSession).post(`/api/comments/${comment.id}/replies`, { body: 'Agreed, let us look at it together.' }, 201);
    }
  });
  for (let i = 0; i < jobs.length; i += 16) await Promise.all(jobs.slice(i, i + 16).map((job) => job()));
  for (let i = 0; i < 12; i++) {
    const startMs = Math.floor((i / 12) * (duration - 8000));
    await coachSession.post(`/api/recordings/${recording.id}/clips`, { title: `Clip ${i + 1}`, startMs, endMs: startMs + 6000, tagIds: [tags[i % tags.length].id] }, 201);
  }
  return coachSession.get(`/api/recordings/${recording.id}/timeline`);
}

/** Every long task of the page from its very start (the observer is installed before any script runs). */
const OBSERVE_LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

/** A context signed in as the coach (cookies kept), with the long-task observer in every page. */
async function coachContext(lesson, link) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(OBSERVE_LONG_TASKS);
  const page = await context.newPage();
  await page.goto(link);
  await signInThroughForm(page, lesson.coach.email, lesson.coach.password);
  await readyFor(page, 0);
  return { context, page };
}

/**
 * Waits until the page shows every item of the list and its play button; answers when that was, in
 * milliseconds since navigation started (checked every animation frame).
 */
async function readyFor(page, items) {
  const handle = await page.waitForFunction((expected) => {
    const rows = document.querySelectorAll('[id^="item-"]').length;
    const play = document.querySelector('button[aria-label="Play"]');
    if (rows >= expected && play && !play.disabled) {
      window.__ready ??= performance.now();
      return window.__ready;
    }
    return false;
  }, items, { polling: 'raf', timeout: 60_000 });
  return handle.jsonValue();
}

/** Navigation to interactive: the page complete, and no long task for 500 ms after it (TTI's quiet window). */
async function interactive(page, link, items) {
  await page.goto(link, { waitUntil: 'commit' });
  const ready = await readyFor(page, items);
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate(() => window.__longTasks);
  let done = ready;
  for (const task of tasks) if (task.start < done + 500) done = Math.max(done, task.start + task.duration);
  const load = tasks.filter((t) => t.start < done + 500);
  return { ready, interactive: done, longTasks: load.length, longest: Math.max(0, ...load.map((t) => t.duration)) };
}

/** Plays for PLAY_SECONDS, dragging the playhead across the timeline and hovering its previews in the middle third. */
async function playAndScrub(page) {
  await page.evaluate(() => (window.__longTasks = []));
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout((PLAY_SECONDS * 1000) / 3);
  const strip = await page.getByRole('slider', { name: 'Position in the lesson' }).boundingBox();
  const y = strip.y + strip.height / 2;
  const steps = 40;
  const scrubMs = (PLAY_SECONDS * 1000) / 3;
  await page.mouse.move(strip.x + 10, y);
  await page.mouse.down();
  for (let i = 0; i <= steps; i++) {
    await page.mouse.move(strip.x + 10 + ((strip.width - 20) * i) / steps, y);
    await page.waitForTimeout(scrubMs / steps / 2);
  }
  await page.mouse.up();
  for (let i = steps; i >= 0; i--) {
    await page.mouse.move(strip.x + 10 + ((strip.width - 20) * i) / steps, y);
    await page.waitForTimeout(scrubMs / steps / 2);
  }
  await page.mouse.move(strip.x, strip.y - 200);
  await page.waitForTimeout((PLAY_SECONDS * 1000) / 3);
  const { tasks, time, paused } = await page.evaluate(() => ({
    tasks: window.__longTasks, time: document.querySelector('video').currentTime, paused: document.querySelector('video').paused,
  }));
  const during = tasks.filter((t) => t.start >= started);
  return { count: during.length, longest: Math.max(0, ...during.map((t) => t.duration)), total: during.reduce((n, t) => n + t.duration, 0), time, paused };
}

/** From the click on Play to the first new frame presented (requestVideoFrameCallback), on a page that finished loading. */
async function playToFirstFrame(lesson, link, items) {
  const { context, page } = await coachContext(lesson, link);
  try {
    await page.reload();
    await readyFor(page, items);
    await page.waitForFunction(() => document.querySelector('video').readyState >= 2, null, { timeout: 30_000 });
    await page.waitForTimeout(500);
    return await page.evaluate(() => new Promise((resolve) => {
      const video = document.querySelector('video');
      const button = document.querySelector('button[aria-label="Play"]');
      const t0 = performance.now();
      let playing = null;
      video.addEventListener('playing', () => (playing = performance.now() - t0), { once: true });
      video.requestVideoFrameCallback(() => resolve({ frame: performance.now() - t0, playing }));
      button.click();
    }));
  } finally {
    await context.close();
  }
}

async function main() {
  const size = firstScreen();
  log(`first screen: ${size.chunks.map((c) => `${c.file} ${(c.gzip / 1024).toFixed(1)} KB`).join(', ')}, library ${(size.library / 1024).toFixed(1)} KB; ` +
    `lazily: review page ${(size.review / 1024).toFixed(1)} KB, hls.js ${(size.hls / 1024).toFixed(1)} KB (gzip -9)`);

  server = await startServer({ dataDir, env: bootstrapEnv(), logFile: serverLog });
  log(`server pid ${server.pid} on ${server.url}; making a ${VIDEO_SECONDS} s lesson`);
  const lesson = await sharedLesson({ server, work, logFile: serverLog, seconds: VIDEO_SECONDS, size: '960x540' });
  const seeded = Date.now();
  const timeline = await seed(lesson);
  const items = timeline.threads.length + timeline.clips.length;
  const bytes = Buffer.byteLength(JSON.stringify(timeline));
  log(`seeded ${COMMENTS} comments in ${((Date.now() - seeded) / 1000).toFixed(1)} s; the coach sees ${timeline.threads.length} threads ` +
    `and ${timeline.clips.length} clips (timeline ${(bytes / 1024).toFixed(0)} KiB)`);

  browser = await launchBrowser();
  const link = `${server.url}/recordings/${lesson.recording.id}`;
  const { context, page } = await coachContext(lesson, link);
  const loads = [];
  for (let i = 0; i < ROUNDS; i++) loads.push(await interactive(page, link, items));
  for (const [i, l] of loads.entries()) {
    log(`load ${i + 1}: complete ${l.ready.toFixed(0)} ms, interactive ${l.interactive.toFixed(0)} ms, ${l.longTasks} long tasks (longest ${l.longest.toFixed(0)} ms)`);
  }
  const scrub = await playAndScrub(page);
  log(`${PLAY_SECONDS} s of play with scrubbing: ${scrub.count} long tasks, longest ${scrub.longest.toFixed(0)} ms, ` +
    `${scrub.total.toFixed(0)} ms in all; video at ${scrub.time.toFixed(1)} s, ${scrub.paused ? 'paused' : 'playing'}`);
  await context.close();

  const plays = [];
  for (let i = 0; i < ROUNDS; i++) plays.push(await playToFirstFrame(lesson, link, items));
  log(`play to first frame: ${plays.map((p) => `${p.frame.toFixed(0)} ms`).join(', ')} (playing event: ${plays.map((p) => `${p.playing?.toFixed(0)} ms`).join(', ')})`);

  const result = {
    firstScreenGzipBytes: size.total,
    reviewChunkGzipBytes: size.review,
    hlsChunkGzipBytes: size.hls,
    comments: COMMENTS,
    listItems: items,
    interactiveMs: Math.round(median(loads.map((l) => l.interactive))),
    completeMs: Math.round(median(loads.map((l) => l.ready))),
    longestLoadTaskMs: Math.round(Math.max(...loads.map((l) => l.longest))),
    playScrubLongTasks: scrub.count,
    playScrubLongestTaskMs: Math.round(scrub.longest),
    firstFrameMs: Math.round(median(plays.map((p) => p.frame))),
  };
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  log('');
  log(`first screen JS ${(result.firstScreenGzipBytes / 1024).toFixed(1)} KB gzipped   target ≤ ${TARGETS.firstScreenKB} KB: ${verdict(result.firstScreenGzipBytes <= TARGETS.firstScreenKB * 1024)}`);
  log(`review page interactive (median of ${ROUNDS}) ${result.interactiveMs} ms   target ≤ ${TARGETS.interactiveMs} ms: ${verdict(result.interactiveMs <= TARGETS.interactiveMs)}`);
  log(`longest task while playing and scrubbing ${result.playScrubLongestTaskMs} ms   target ≤ ${TARGETS.longTaskMs} ms: ${verdict(result.playScrubLongestTaskMs <= TARGETS.longTaskMs)}`);
  log(`play to first frame (median of ${ROUNDS}) ${result.firstFrameMs} ms   target ≤ ${TARGETS.firstFrameMs} ms: ${verdict(result.firstFrameMs <= TARGETS.firstFrameMs)}`);
  log(`RESULT ${JSON.stringify(result)}`);
}
