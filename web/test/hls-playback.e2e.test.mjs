// End-to-end: a phone-style H.264/AAC recording uploaded with tus-js-client is processed by the
// server (real ffmpeg) and its master playlist plays in hls.js inside headless Chromium, through
// the server's access-checked media routes. A stranger's browser gets no segment.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { ApiSession, bootstrapAdmin, bootstrapEnv, teacherWithNewRecording } from './support/api.mjs';
import { bundledFfmpeg, makeLessonVideo, readyRecording, uploadVideo } from './support/media.mjs';
import { diagnoseLines, killLeftoverPostgres, missingJarReason, startServer, tailOf } from './support/server.mjs';

const CHROMIUM = process.env.LESSONLOOP_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const HLS_SCRIPT = fileURLToPath(new URL('../node_modules/hls.js/dist/hls.min.js', import.meta.url));
const SECONDS = 12;

function skipReason() {
  const jar = missingJarReason();
  if (jar) return jar;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set LESSONLOOP_CHROMIUM)`;
  return false;
}

/** A browser context signed in as this API session (its cookie on the server's origin). */
async function contextFor(browser, session) {
  const context = await browser.newContext({ bypassCSP: true });
  const [name, value] = session.cookie.split(';')[0].split('=');
  await context.addCookies([{ name, value, url: session.baseUrl }]);
  return context;
}

/** Plays the master playlist with hls.js and reports what happened after a few seconds of playback. */
async function play(page, masterUrl) {
  await page.addScriptTag({ path: HLS_SCRIPT });
  return page.evaluate(async (url) => {
    const video = document.createElement('video');
    video.muted = true;
    document.body.appendChild(video);
    const hls = new window.Hls();
    const errors = [];
    hls.on(window.Hls.Events.ERROR, (_event, data) => errors.push(`${data.type}/${data.details}/${data.response?.code ?? ''}`));
    hls.loadSource(url);
    hls.attachMedia(video);
    const levels = await new Promise((resolve) => {
      hls.on(window.Hls.Events.MANIFEST_PARSED, (_e, data) => resolve(data.levels.map((l) => `${l.width}x${l.height}`)));
      setTimeout(() => resolve([]), 15_000);
    });
    if (levels.length > 0) await video.play().catch((err) => errors.push(`play: ${err.message}`));
    const deadline = Date.now() + 30_000;
    while (video.currentTime < 3 && Date.now() < deadline && errors.every((e) => !e.includes('fatal'))) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return { levels, currentTime: video.currentTime, errors, videoWidth: video.videoWidth, duration: video.duration };
  }, masterUrl);
}

test('a processed phone recording plays in hls.js in headless Chromium, for its owner only',
  { skip: skipReason(), timeout: 10 * 60 * 1000 }, async (t) => {
    const work = await mkdtemp(join(tmpdir(), 'lessonloop-hls-e2e-'));
    const dataDir = join(work, 'data');
    const logFile = join(work, 'server.log');
    await mkdir(dataDir);
    let server;
    let browser;
    let passed = false;
    t.after(async () => {
      if (browser) await browser.close();
      if (server) await server.stop();
      await killLeftoverPostgres(dataDir);
      if (!passed) diagnoseLines(t, `server log (last lines, ${logFile}):`, tailOf(logFile, 60));
      await rm(work, { recursive: true, force: true });
    });

    [server, browser] = await Promise.all([
      startServer({ dataDir, env: bootstrapEnv(), logFile }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    ]);
    const source = join(work, 'phone.mp4');
    await makeLessonVideo(bundledFfmpeg(logFile), source, { seconds: SECONDS });
    assert.ok((await stat(source)).size > 100_000);

    const { session, recording } = await teacherWithNewRecording(server.url, bootstrapAdmin, 'Phone lesson');
    await uploadVideo(session, recording.id, source);
    const ready = await readyRecording(session, recording.id);
    assert.equal(ready.media.playable, true);
    assert.equal(Math.round(ready.media.durationMs / 1000), SECONDS);

    const master = `${server.url}/api/recordings/${recording.id}/media/master.m3u8`;
    const owner = await (await contextFor(browser, session)).newPage();
    await owner.goto(`${server.url}/`);
    const played = await play(owner, master);
    assert.deepEqual(played.levels, ['640x360', '1280x720'], 'the copied source and one encoded rung');
    assert.deepEqual(played.errors.filter((e) => e.includes('fatal')), []);
    assert.ok(played.currentTime >= 3, `playback advanced: ${JSON.stringify(played)}`);
    assert.ok(played.videoWidth > 0, 'frames were decoded');
    assert.ok(Math.abs(played.duration - SECONDS) < 0.5, `duration ${played.duration}`);

    const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    const strangerPage = await (await contextFor(browser, admin)).newPage();
    await strangerPage.goto(`${server.url}/`);
    const refused = await play(strangerPage, master);
    assert.deepEqual(refused.levels, [], 'an admin is no viewer');
    assert.equal(refused.currentTime, 0);
    assert.ok(refused.errors.some((e) => e.includes('manifestLoadError/404')), JSON.stringify(refused.errors));
    passed = true;
  });
