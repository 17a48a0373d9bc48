// The web benchmark (bench/README.md): the first screen's JavaScript, and in headless Chromium the
// review page of a lesson with 1,000 comments: time to interactive, long tasks while playing and
// scrubbing (by wall time and by the main thread's CPU time, with the load average, since the
// machine is shared), press play to first frame, and how long a comment posted in one browser
// takes to show in another's open page. Every knob is an environment variable (run.sh lists them).
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { bootstrapEnv } from '../../web/test/support/api.mjs';
import { launchBrowser, signInThroughForm } from '../../web/test/support/browser.mjs';
import { sharedLesson } from '../../web/test/support/review.mjs';
import { startServer } from '../../web/test/support/server.mjs';
import { workspace } from '../workspace.mjs';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'web', 'dist');
const COMMENTS = Number(env.LESSONLOOP_BENCH_COMMENTS ?? 1000);
const VIDEO_SECONDS = Number(env.LESSONLOOP_BENCH_VIDEO_SECONDS ?? 180);
const ROUNDS = Number(env.LESSONLOOP_BENCH_ROUNDS ?? 3);
const PLAY_SECONDS = Number(env.LESSONLOOP_BENCH_PLAY_SECONDS ?? 10);
// Where to keep the play-and-scrub trace (with the timeline's own events, for DevTools' Performance panel).
const TRACE_FILE = env.LESSONLOOP_BENCH_TRACE_FILE;
const LIVE_ROUNDS = Number(env.LESSONLOOP_BENCH_LIVE_ROUNDS ?? 25);
const TARGETS = { firstScreenKB: 100, interactiveMs: 1000, longTaskMs: 50, firstFrameMs: 1000, liveMs: 200 };

function log(line) {
  console.log(line);
}

function median(values) {
  return quantile(values, 0.5);
}

/** The nearest-rank quantile. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

/** The lazily loaded chunks' sizes, from the build. */
function lazyChunks() {
  const files = readdirSync(join(dist, 'assets'));
  const size = (prefix) => {
    const file = files.find((f) => f.startsWith(prefix) && f.endsWith('.js'));
    return file ? gzipped(readFileSync(join(dist, 'assets', file))) : null;
  };
  return { review: size('ReviewPage-'), hls: size('hls'), upload: size('UploadPage-'), chart: size('ProgressChart-') };
}

/** Every script a page fetched, gzipped, by the path it was fetched from. */
function collectScripts(page) {
  const scripts = new Map();
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.endsWith('.js') || scripts.has(path)) return;
    scripts.set(path, null);
    scripts.set(path, gzipped(await response.body()));
  });
  return scripts;
}

const total = (scripts) => [...scripts.values()].reduce((n, b) => n + (b ?? 0), 0);

/** The first screens as people meet them: the sign-in page, then a teacher's library after signing in. */
async function firstScreens(lesson, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const scripts = collectScripts(page);
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const signIn = total(scripts);
    const signInFiles = scripts.size;
    await signInThroughForm(page, lesson.teacher.email, lesson.teacher.password);
    await page.getByRole('heading', { name: 'My lessons' }).waitFor();
    await page.waitForLoadState('networkidle');
    return { signIn, signInFiles, library: total(scripts), libraryFiles: scripts.size };
  } finally {
    await context.close();
  }
}

/** 1,000 comments as a review has them: points and ranges, tags, replies, a few private notes, some clips. */
async function seed(lesson) {
  const { coachSession, teacherSession, recording, tags } = lesson;
  const duration = recording.media.durationMs;
  const jobs = Array.from({ length: COMMENTS }, (_, i) => async () => {
    const startMs = 2000 + Math.floor(((i + 0.5) / COMMENTS) * (duration - 5000));
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
    const startMs = 2000 + Math.floor((i / 12) * (duration - 10_000));
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

/** A context signed in as `user` (cookies kept) on the review page, with the long-task observer in every page. */
async function reviewAs(user, link, items) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(OBSERVE_LONG_TASKS);
  const page = await context.newPage();
  await page.goto(link);
  await signInThroughForm(page, user.email, user.password);
  await readyFor(page, items);
  return { context, page };
}

/**
 * Waits until the page shows the list of all `items` (its rows are windowed: the first says how
 * many there are) and an enabled play button; answers when that was, in milliseconds since
 * navigation started (checked every animation frame).
 */
async function readyFor(page, items) {
  const handle = await page.waitForFunction((expected) => {
    const row = document.querySelector('[id^="item-"][aria-setsize]');
    const play = document.querySelector('button[aria-label="Play"]');
    if (row && Number(row.getAttribute('aria-setsize')) >= expected && play && !play.disabled) {
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
  const { tasks, rows } = await page.evaluate(() => ({ tasks: window.__longTasks, rows: document.querySelectorAll('[id^="item-"]').length }));
  let done = ready;
  for (const task of tasks) if (task.start < done + 500) done = Math.max(done, task.start + task.duration);
  const during = tasks.filter((t) => t.start < done + 500);
  return { ready, interactive: done, rows, longTasks: during.length, longest: Math.max(0, ...during.map((t) => t.duration)) };
}

/** CPU seconds of Chromium's processes by type (renderer, browser, GPU…), from the DevTools protocol. */
async function cpuSeconds(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const byType = {};
  for (const p of processInfo) byType[p.type] = (byType[p.type] ?? 0) + p.cpuTime;
  return byType;
}

/**
 * The renderer main thread's tasks in a trace: wall time (dur) and the thread's CPU time (tdur),
 * in ms. Top-level slices nested in another (a task's own RunTask inside the scheduler's) count
 * once, as the outer one. The busiest CrRendererMain is the page's.
 */
function mainThreadTasks(trace) {
  const events = JSON.parse(trace.toString('utf8')).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.cat !== 'toplevel' || !mains.has(key)) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const outer = (slices) => {
    const kept = [];
    let end = -Infinity;
    for (const e of slices.sort((a, b) => a.ts - b.ts)) {
      if (e.ts < end) continue;
      end = e.ts + e.dur;
      kept.push({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 });
    }
    return kept;
  };
  const threads = [...byThread.values()].map(outer);
  const busy = (tasks) => tasks.reduce((n, t) => n + t.wall, 0);
  return threads.sort((a, b) => busy(b) - busy(a))[0] ?? [];
}

/** Plays for PLAY_SECONDS; in the middle third drags the playhead along the timeline and back, then hovers its previews. */
async function playAndScrub(page, cdp) {
  // Found before the trace starts: Playwright finds a role by computing the accessible name of
  // every button in the page, in the page's main thread, which would count as the page's own work.
  const play = await page.getByRole('button', { name: 'Play', exact: true }).elementHandle();
  const strip = await page.getByRole('slider', { name: 'Position in the lesson' }).boundingBox();
  await page.evaluate(() => (window.__longTasks = []));
  const before = { cpu: await cpuSeconds(cdp), at: Date.now(), load: load() };
  const categories = ['toplevel', 'disabled-by-default-devtools.timeline', ...(TRACE_FILE ? ['devtools.timeline', 'v8.execute', 'blink.user_timing'] : [])];
  await browser.startTracing(page, { categories, ...(TRACE_FILE ? { path: TRACE_FILE } : {}) });
  const started = await page.evaluate(() => performance.now());
  await play.click();
  await page.waitForTimeout((PLAY_SECONDS * 1000) / 3);
  const y = strip.y + strip.height / 2;
  const steps = 40;
  const scrubMs = (PLAY_SECONDS * 1000) / 3;
  const at = (fraction) => strip.x + 10 + (strip.width - 20) * fraction;
  // Dragged to 90 % and back to 20 % (playback goes on from there), then the previews hovered across.
  await page.mouse.move(at(0), y);
  await page.mouse.down();
  for (let i = 0; i <= steps; i++) {
    await page.mouse.move(at((0.9 * i) / steps), y);
    await page.waitForTimeout(scrubMs / steps / 3);
  }
  for (let i = steps; i >= 0; i--) {
    await page.mouse.move(at(0.2 + (0.7 * i) / steps), y);
    await page.waitForTimeout(scrubMs / steps / 3);
  }
  await page.mouse.up();
  for (let i = 0; i <= steps; i++) {
    await page.mouse.move(at(i / steps), y - strip.height / 4);
    await page.waitForTimeout(scrubMs / steps / 3);
  }
  await page.mouse.move(strip.x, strip.y - 200);
  await page.waitForTimeout((PLAY_SECONDS * 1000) / 3);
  // Stopping the trace makes the renderer write out its buffers in one long task of the bench's own.
  const ended = await page.evaluate(() => performance.now());
  const trace = await browser.stopTracing();
  const after = { cpu: await cpuSeconds(cdp), at: Date.now(), load: load() };
  const { tasks, time, paused, rows } = await page.evaluate(() => ({
    tasks: window.__longTasks, time: document.querySelector('video').currentTime, paused: document.querySelector('video').paused,
    rows: document.querySelectorAll('[id^="item-"]').length,
  }));
  const during = tasks.filter((t) => t.start >= started && t.start < ended);
  const traced = mainThreadTasks(trace);
  const wallSeconds = (after.at - before.at) / 1000;
  return {
    count: during.length, longest: Math.max(0, ...during.map((t) => t.duration)), total: during.reduce((n, t) => n + t.duration, 0),
    time, paused, rows,
    traced: traced.length,
    overByWall: traced.filter((t) => t.wall > TARGETS.longTaskMs).length,
    overByCpu: traced.filter((t) => t.cpu > TARGETS.longTaskMs).length,
    longestCpu: Math.max(0, ...traced.map((t) => t.cpu)),
    longestWall: Math.max(0, ...traced.map((t) => t.wall)),
    rendererCpuShare: ((after.cpu.renderer ?? 0) - (before.cpu.renderer ?? 0)) / wallSeconds,
    loadBefore: before.load, loadAfter: after.load,
  };
}

/** From the click on Play to the first new frame presented (requestVideoFrameCallback), on a page that finished loading. */
async function playToFirstFrame(user, link, items) {
  const { context, page } = await reviewAs(user, link, items);
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

/**
 * The coach comments at 0:00 through the page (C, the text, Ctrl+Enter) while the teacher has the
 * review open in another browser context (its own session and socket); from the Ctrl+Enter to
 * the comment's text in the teacher's list (a MutationObserver), by the machine's one clock.
 */
async function liveLatency(lesson, link, items) {
  const coach = await reviewAs(lesson.coach, link, items);
  const seen = await lesson.teacherSession.get(`/api/recordings/${lesson.recording.id}/timeline`);
  const teacher = await reviewAs(lesson.teacher, link, seen.threads.length + seen.clips.length);
  try {
    await teacher.page.getByText('Live', { exact: true }).waitFor();
    await coach.page.getByText('Live', { exact: true }).waitFor();
    await coach.page.evaluate(() => document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.ctrlKey) window.__postedAt = Date.now();
    }, true));
    const rounds = [];
    for (let i = 0; i < LIVE_ROUNDS; i++) {
      const text = `Live round ${i + 1} ${Date.now().toString(36)}`;
      const seen = teacher.page.evaluate((wanted) => new Promise((resolve) => {
        const list = document.querySelector('ol.comment-list');
        const observer = new MutationObserver(() => {
          if (list.textContent.includes(wanted)) {
            observer.disconnect();
            resolve(Date.now());
          }
        });
        observer.observe(list, { childList: true, subtree: true, characterData: true });
      }), text);
      // Awaited below; until then a failure elsewhere closes the pages, and this must not end the process unreported.
      seen.catch(() => {});
      await coach.page.keyboard.press('c');
      const box = coach.page.getByRole('textbox', { name: /^Comment at 0:00$/ });
      await box.waitFor();
      await box.fill(text);
      const own = coach.page.waitForFunction((wanted) => document.querySelector('ol.comment-list').textContent.includes(wanted) && Date.now(), text, { polling: 'raf' });
      own.catch(() => {});
      await box.press('Control+Enter');
      const [arrived, ownAt, postedAt] = [await seen, await (await own).jsonValue(), await coach.page.evaluate(() => window.__postedAt)];
      rounds.push({ other: arrived - postedAt, own: ownAt - postedAt });
      await coach.page.waitForTimeout(150);
    }
    return rounds;
  } finally {
    await coach.context.close();
    await teacher.context.close();
  }
}

async function main() {
  const lazy = lazyChunks();
  server = await startServer({ dataDir, env: bootstrapEnv(), logFile: serverLog });
  log(`server pid ${server.pid} on ${server.url}; making a ${VIDEO_SECONDS} s lesson; load average ${load()}`);
  const lesson = await sharedLesson({ server, work, logFile: serverLog, seconds: VIDEO_SECONDS, size: '960x540' });
  browser = await launchBrowser();
  const cdp = await browser.newBrowserCDPSession();

  const screens = await firstScreens(lesson, server.url);
  log(`first screens (JavaScript fetched, gzip -9): sign-in ${kb(screens.signIn)} in ${screens.signInFiles} files; ` +
    `a teacher's library after signing in ${kb(screens.library)} in ${screens.libraryFiles} files. ` +
    `Lazily: review page ${kb(lazy.review)}, hls.js ${kb(lazy.hls)}, upload ${kb(lazy.upload)}, goal chart ${kb(lazy.chart)}`);

  const seeded = Date.now();
  const timeline = await seed(lesson);
  const items = timeline.threads.length + timeline.clips.length;
  const bytes = Buffer.byteLength(JSON.stringify(timeline));
  log(`seeded ${COMMENTS} comments in ${((Date.now() - seeded) / 1000).toFixed(1)} s; the coach sees ${timeline.threads.length} threads ` +
    `and ${timeline.clips.length} clips (timeline ${(bytes / 1024).toFixed(0)} KiB)`);

  const link = `${server.url}/recordings/${lesson.recording.id}`;
  const { context, page } = await reviewAs(lesson.coach, link, items);
  const loads = [];
  for (let i = 0; i < ROUNDS; i++) {
    const before = { cpu: await cpuSeconds(cdp), load: load() };
    const l = await interactive(page, link, items);
    const after = await cpuSeconds(cdp);
    loads.push({ ...l, rendererCpu: (after.renderer - before.cpu.renderer) * 1000, load: before.load });
  }
  for (const [i, l] of loads.entries()) {
    log(`load ${i + 1}: complete ${l.ready.toFixed(0)} ms, interactive ${l.interactive.toFixed(0)} ms, ${l.longTasks} long tasks (longest ${l.longest.toFixed(0)} ms), ` +
      `${l.rows} of ${items} rows in the page; renderer CPU ${l.rendererCpu.toFixed(0)} ms over the load and its 1.5 s quiet window; load average ${l.load}`);
  }
  const scrub = await playAndScrub(page, cdp);
  log(`${PLAY_SECONDS} s of play with scrubbing: ${scrub.count} long tasks (PerformanceObserver), longest ${scrub.longest.toFixed(0)} ms, ` +
    `${scrub.total.toFixed(0)} ms in all; video at ${scrub.time.toFixed(1)} s, ${scrub.paused ? 'paused' : 'playing'}; ${scrub.rows} rows in the page`);
  log(`  traced main-thread tasks: ${scrub.traced}, over ${TARGETS.longTaskMs} ms by wall time ${scrub.overByWall} (longest ${scrub.longestWall.toFixed(0)} ms), ` +
    `by CPU time ${scrub.overByCpu} (longest ${scrub.longestCpu.toFixed(0)} ms); renderer CPU ${(scrub.rendererCpuShare * 100).toFixed(0)}% of one core; ` +
    `load average before ${scrub.loadBefore}, after ${scrub.loadAfter}`);
  await context.close();

  const plays = [];
  for (let i = 0; i < ROUNDS; i++) plays.push(await playToFirstFrame(lesson.coach, link, items));
  log(`play to first frame: ${plays.map((p) => `${p.frame.toFixed(0)} ms`).join(', ')} (playing event: ${plays.map((p) => `${p.playing?.toFixed(0)} ms`).join(', ')})`);

  const liveLoad = load();
  const rounds = await liveLatency(lesson, link, items);
  const other = rounds.map((r) => r.other);
  const own = rounds.map((r) => r.own);
  log(`comment in another browser, ${rounds.length} rounds (load average ${liveLoad}): median ${median(other)} ms, p95 ${quantile(other, 0.95)} ms, ` +
    `max ${Math.max(...other)} ms; in the poster's own list: median ${median(own)} ms, p95 ${quantile(own, 0.95)} ms`);

  const result = {
    signInScreenGzipBytes: screens.signIn,
    firstScreenGzipBytes: screens.library,
    reviewChunkGzipBytes: lazy.review,
    hlsChunkGzipBytes: lazy.hls,
    comments: COMMENTS,
    listItems: items,
    interactiveMs: Math.round(median(loads.map((l) => l.interactive))),
    completeMs: Math.round(median(loads.map((l) => l.ready))),
    longestLoadTaskMs: Math.round(Math.max(...loads.map((l) => l.longest))),
    loadRendererCpuMs: Math.round(median(loads.map((l) => l.rendererCpu))),
    playScrubLongTasks: scrub.count,
    playScrubLongestTaskMs: Math.round(scrub.longest),
    playScrubTasksOverByCpu: scrub.overByCpu,
    playScrubLongestTaskCpuMs: Math.round(scrub.longestCpu),
    firstFrameMs: Math.round(median(plays.map((p) => p.frame))),
    liveMedianMs: median(other),
    liveP95Ms: quantile(other, 0.95),
    loadAverage: load(),
  };
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  log('');
  log(`first screen JS ${kb(result.firstScreenGzipBytes)} gzipped   target ≤ ${TARGETS.firstScreenKB} KB: ${verdict(result.firstScreenGzipBytes <= TARGETS.firstScreenKB * 1024)}`);
  log(`review page interactive (median of ${ROUNDS}) ${result.interactiveMs} ms   target ≤ ${TARGETS.interactiveMs} ms: ${verdict(result.interactiveMs <= TARGETS.interactiveMs)}`);
  log(`longest task while playing and scrubbing ${result.playScrubLongestTaskMs} ms wall, ${result.playScrubLongestTaskCpuMs} ms CPU   target ≤ ${TARGETS.longTaskMs} ms: ` +
    `${verdict(result.playScrubLongestTaskMs <= TARGETS.longTaskMs)} by wall time, ${verdict(result.playScrubLongestTaskCpuMs <= TARGETS.longTaskMs)} by CPU time`);
  log(`play to first frame (median of ${ROUNDS}) ${result.firstFrameMs} ms   target ≤ ${TARGETS.firstFrameMs} ms: ${verdict(result.firstFrameMs <= TARGETS.firstFrameMs)}`);
  log(`comment in another browser (median / p95 of ${rounds.length}) ${result.liveMedianMs} / ${result.liveP95Ms} ms   target ≤ ${TARGETS.liveMs} ms: ` +
    `${verdict(result.liveMedianMs <= TARGETS.liveMs)} (median), ${verdict(result.liveP95Ms <= TARGETS.liveMs)} (p95)`);
  log(`RESULT ${JSON.stringify(result)}`);
}

const { work, dataDir, serverLog, run } = await workspace('web');
let server;
let browser;

await run(main, async () => {
  await browser?.close();
  await server?.stop();
});
