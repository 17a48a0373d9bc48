// End-to-end in a real browser: headless Chromium loads the page the server serves, signs in,
// creates a recording and uploads a 20 MiB Blob with tus-js-client; the API then reports the
// recording uploaded with the size and SHA-256 the page computed (crypto.subtle).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { ApiSession, bootstrapAdmin, bootstrapEnv, finishedRecording } from './support/api.mjs';
import { sha256OfFile, storedObjectPath } from './support/files.mjs';
import { diagnoseLines, killLeftoverPostgres, missingJarReason, startServer, tailOf } from './support/server.mjs';

const CHROMIUM = process.env.LESSONLOOP_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const BLOB_BYTES = 20 * 1024 * 1024;
const TUS_SCRIPT = fileURLToPath(new URL('../node_modules/tus-js-client/dist/tus.min.js', import.meta.url));

function skipReason() {
  const jar = missingJarReason();
  if (jar) return jar;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set LESSONLOOP_CHROMIUM)`;
  return false;
}

test('a teacher uploads a 20 MiB file from headless Chromium with tus-js-client',
  { skip: skipReason(), timeout: 10 * 60 * 1000 }, async (t) => {
    const work = await mkdtemp(join(tmpdir(), 'lessonloop-browser-e2e-'));
    const dataDir = join(work, 'data');
    const logFile = join(work, 'server.log');
    await mkdir(dataDir);
    let server;
    let browser;
    let passed = false;
    const pageMessages = [];
    t.after(async () => {
      if (browser) await browser.close();
      if (server) await server.stop();
      await killLeftoverPostgres(dataDir);
      if (!passed) {
        diagnoseLines(t, 'browser console:', pageMessages.join('\n') || '(nothing)');
        diagnoseLines(t, `server log (last lines, ${logFile}):`, tailOf(logFile, 60));
      }
      if (process.env.LESSONLOOP_E2E_KEEP === '1') t.diagnostic(`kept ${work}`);
      else await rm(work, { recursive: true, force: true });
    });

    [server, browser] = await Promise.all([
      startServer({ dataDir, env: bootstrapEnv(), logFile }),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    ]);

    const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    const teacher = {
      email: 'browser.teacher@school.example',
      displayName: 'Browser Teacher',
      role: 'teacher',
      password: 'a long enough password',
    };
    await admin.invite(teacher);

    // tus.min.js is injected to drive the protocol from a page without the app's UI; bypassing CSP
    // keeps a strict policy on the real page from blocking that test-only injection.
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.on('console', (message) => pageMessages.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (err) => pageMessages.push(`[pageerror] ${err.message}`));
    page.on('response', (r) => { if (r.status() >= 400) pageMessages.push(`[response] ${r.status()} ${r.request().method()} ${r.url()}`); });

    const response = await page.goto(`${server.url}/`);
    assert.equal(response.status(), 200, 'GET / serves the web app');
    assert.equal(await page.title(), 'Lessonloop');

    await page.addScriptTag({ path: TUS_SCRIPT });
    const result = await page.evaluate(uploadFromPage, { email: teacher.email, password: teacher.password, size: BLOB_BYTES });
    t.diagnostic(`page uploaded ${result.size} bytes to ${result.uploadUrl} in ${result.seconds.toFixed(1)}s ` +
      `(sha256 ${result.sha256})`);
    assert.equal(result.size, BLOB_BYTES);
    // The signed-out app asks GET /api/session first, which answers 200: nothing may fail.
    assert.deepEqual(pageMessages.filter((m) => m.startsWith('[pageerror]') || m.startsWith('[error]')), [],
      'the page logged no errors');

    const session = await ApiSession.signIn(server.url, teacher.email, teacher.password);
    const recording = await finishedRecording(session, result.recordingId);
    assert.equal(recording.source?.size, BLOB_BYTES, `recording source.size: ${JSON.stringify(recording.source)}`);
    assert.equal(recording.source?.sha256, result.sha256, 'recording source.sha256 equals the page\'s crypto.subtle digest');

    const objectSha256 = await sha256OfFile(await storedObjectPath(dataDir, result.recordingId));
    assert.equal(objectSha256, result.sha256, 'the stored object is byte-identical to the Blob');
    passed = true;
  });

/** Runs in the page: sign in, create a recording, upload a generated Blob with window.tus. */
async function uploadFromPage({ email, password, size }) {
  const call = async (method, path, body, csrfToken) => {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };

  await call('POST', '/api/session', { email, password });
  const me = await call('GET', '/api/me');
  const recording = await call('POST', '/api/recordings', { title: 'Reading circle', lessonDate: '2026-11-21' }, me.csrfToken);

  // Deterministic bytes (xorshift32), generated in the page.
  const words = new Uint32Array(size / 4);
  let x = 2463534242;
  for (let i = 0; i < words.length; i += 1) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    words[i] = x;
  }
  const blob = new Blob([words], { type: 'video/mp4' });
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

  const started = performance.now();
  const uploadUrl = await new Promise((resolve, reject) => {
    const upload = new window.tus.Upload(blob, {
      endpoint: `${location.origin}/api/uploads`,
      headers: { 'X-CSRF-Token': me.csrfToken },
      metadata: { recordingId: recording.id, filename: 'reading-circle.mp4' },
      retryDelays: [0, 1000, 3000],
      onSuccess: () => resolve(upload.url),
      onError: (err) => reject(new Error(`tus upload failed: ${err.message}`)),
    });
    upload.start();
  });
  return { recordingId: recording.id, size: blob.size, sha256, uploadUrl, seconds: (performance.now() - started) / 1000 };
}
