// What the upload tests watch and do to a page: its tus requests and their offsets, the server's
// offset of an upload, Chromium's upload throttling, and the answers a resumed upload may meet.
import assert from 'node:assert/strict';

/**
 * Every state-changing request the page makes, and what the tus requests carried: the upload URL
 * from the creation's answer and each PATCH's Upload-Offset.
 */
export function recordRequests(page) {
  const seen = [];
  const waiting = [];
  page.on('request', (request) => {
    const method = request.method();
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
    seen.push({ method, url: request.url(), offset: Number(request.headers()['upload-offset'] ?? NaN) });
  });
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && response.url().endsWith('/api/uploads') && response.status() === 201) {
      const location = new URL(response.headers().location, response.url()).pathname;
      for (const resolve of waiting.splice(0)) resolve(location);
    }
  });
  return {
    writes: () => seen.filter((r) => r.url.includes('/api/recordings') || r.url.includes('/api/uploads')),
    mark: () => seen.length,
    since: (mark) => seen.slice(mark).filter((r) => r.url.includes('/api/uploads') || r.url.endsWith('/api/recordings')),
    /** The path of the next upload the server creates (ask before the click that creates it). */
    nextUploadUrl: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

/**
 * A paused or cut upload's next requests can meet 423 Locked while the server still stores the
 * interrupted chunk, or 409 Conflict when they were sent at the offset from before it was stored;
 * tus asks the offset again and continues, and Chromium logs each answer as a console error.
 */
export function forgetResumeAnswers(person) {
  const others = person.problems().filter((p) => !/status of (423 \(Locked\)|409 \(Conflict\))/.test(p));
  assert.deepEqual(others, [], 'nothing but 423 and 409 answers went wrong');
  person.forgetProblems();
}

/** Chromium's own throttling of what the page sends (bytes per second); `clear()` lifts it. */
export async function throttle(page, uploadBytesPerSecond) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: uploadBytesPerSecond,
  });
  return {
    clear: async () => {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    },
  };
}

/** The server's Upload-Offset for a tus upload (HEAD, tus 1.0 core). */
export async function serverOffset(session, path) {
  const response = await fetch(`${session.baseUrl}${path}`, { method: 'HEAD', headers: { Cookie: session.cookie, 'Tus-Resumable': '1.0.0' } });
  assert.equal(response.status, 200, `HEAD ${path}`);
  return Number(response.headers.get('upload-offset'));
}

/** The offset once the server has settled the interrupted request (two equal answers a second apart). */
export async function waitForStableOffset(session, path) {
  let last = -1;
  for (let i = 0; i < 30; i++) {
    const now = await serverOffset(session, path);
    if (now === last) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the offset of ${path} never settled (last ${last})`);
}

export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
