// End-to-end: a large tus upload (default 2 GiB) from tus-js-client in Node survives a dropped
// connection at ~25% and a server crash (SIGKILL + restart on the same data dir and port) at
// ~60%, resumes instead of starting over, and lands byte-identical in object storage.
//
//   LESSONLOOP_E2E_BYTES   file size (default 2147483648)
//   LESSONLOOP_E2E_KEEP=1  keep the temp dir (data dir, server log) for inspection
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tus from 'tus-js-client';

import { bootstrapAdmin, bootstrapEnv, finishedRecording, teacherWithNewRecording } from './support/api.mjs';
import { formatBytes, sha256OfFile, storedObjectPath, writePseudoRandomFile } from './support/files.mjs';
import { startProxy } from './support/proxy.mjs';
import { diagnoseLines, freePort, killLeftoverPostgres, missingJarReason, startServer, tailOf } from './support/server.mjs';

const FILE_BYTES = Number(process.env.LESSONLOOP_E2E_BYTES ?? 2 * 1024 ** 3);
const FILENAME = 'fractions-period-3.mp4';
const CUT_AT = 0.25;
const CRASH_AT = 0.60;
// Long enough to outlast a server restart (embedded PostgreSQL + S3) and an upload lease.
const RETRY_DELAYS = [0, 500, 1000, 2000, 3000, 5000, ...Array(30).fill(5000)];

test(`a ${formatBytes(FILE_BYTES)} tus upload resumes after a dropped connection and a server crash`,
  { skip: missingJarReason() ?? false, timeout: 60 * 60 * 1000 }, async (t) => {
    const work = await mkdtemp(join(tmpdir(), 'lessonloop-e2e-'));
    const dataDir = join(work, 'data');
    const filePath = join(work, 'lesson.bin');
    const logFile = join(work, 'server.log');
    await mkdir(dataDir);

    const servers = [];
    let proxy;
    let upload;
    let passed = false;
    t.after(async () => {
      if (upload) await upload.abort().catch(() => {});
      if (proxy) await proxy.close();
      for (const server of servers) await server.stop();
      await killLeftoverPostgres(dataDir);
      if (!passed) diagnoseLines(t, `server log (last lines, ${logFile}):`, tailOf(logFile, 60));
      if (process.env.LESSONLOOP_E2E_KEEP === '1') t.diagnostic(`kept ${work}`);
      else await rm(work, { recursive: true, force: true });
    });

    const generateStart = Date.now();
    const [fileSha256, firstServer] = await Promise.all([
      writePseudoRandomFile(filePath, FILE_BYTES, 'upload.e2e'),
      // A fixed port: the restarted server is the same node, so it drops the dead process's upload leases.
      freePort().then((port) => startServer({ dataDir, port, env: bootstrapEnv(), logFile })),
    ]);
    servers.push(firstServer);
    t.diagnostic(`generated ${formatBytes(FILE_BYTES)} (sha256 ${fileSha256}) and started the server ` +
      `on port ${firstServer.port} in ${((Date.now() - generateStart) / 1000).toFixed(1)}s`);

    const { session, recording } = await teacherWithNewRecording(firstServer.url, bootstrapAdmin, 'Fractions, period 3');
    proxy = await startProxy(firstServer.port);

    const events = [];
    const retries = [];
    const resumeOffsets = [];
    let cut = false;
    let crash = null;

    const crashAndRestart = async () => {
      const port = servers.at(-1).port;
      await servers.at(-1).kill();
      events.push(`SIGKILLed the server at ${pct(proxy.stats.bytesUp)} sent`);
      const restartStart = Date.now();
      const restarted = await startServer({ dataDir, port, env: bootstrapEnv(), logFile });
      servers.push(restarted);
      proxy.retarget(restarted.port);
      events.push(`restarted the server on port ${restarted.port} in ${((Date.now() - restartStart) / 1000).toFixed(1)}s`);
    };

    const uploadStart = Date.now();
    const uploaded = new Promise((resolve, reject) => {
      upload = new tus.Upload(createReadStream(filePath), {
        endpoint: `${proxy.url}/api/uploads`,
        headers: session.authHeaders(),
        metadata: { recordingId: recording.id, filename: FILENAME },
        retryDelays: RETRY_DELAYS,
        onShouldRetry(err, attempt) {
          const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
          const method = err.originalRequest?.getMethod() ?? '?';
          const cause = err.causingError?.message ?? `status ${status}`;
          retries.push({ attempt, status, what: `${method} → ${cause}` });
          return !(status >= 400 && status < 500) || status === 409 || status === 423;
        },
        onAfterResponse(req, res) {
          if (req.getMethod() === 'HEAD' && res.getStatus() === 200) {
            resumeOffsets.push(Number(res.getHeader('Upload-Offset')));
          }
        },
        onProgress(bytesSent) {
          if (!cut && bytesSent >= CUT_AT * FILE_BYTES) {
            cut = true;
            proxy.cutAll();
            events.push(`cut every connection at ${pct(bytesSent)} of the file`);
          }
          if (!crash && bytesSent >= CRASH_AT * FILE_BYTES) {
            crash = crashAndRestart();
            crash.catch((err) => {
              upload.abort();
              reject(err);
            });
          }
        },
        onSuccess: resolve,
        onError: reject,
      });
      upload.start();
    });

    try {
      await uploaded;
      await crash;
    } finally {
      for (const line of events) t.diagnostic(line);
      for (const r of retries) t.diagnostic(`retry ${r.attempt + 1} after ${r.what}`);
    }
    const seconds = (Date.now() - uploadStart) / 1000;
    t.diagnostic(`upload finished in ${seconds.toFixed(1)}s (${(FILE_BYTES / 1e6 / seconds).toFixed(1)} MB/s overall); ` +
      `resumed at offsets ${resumeOffsets.map(formatBytes).join(', ') || 'none'}; ` +
      `${formatBytes(proxy.stats.bytesUp)} went through the proxy in ${proxy.stats.connections} connections`);

    assert.ok(cut, 'the connection was cut');
    assert.ok(crash, 'the server was crashed and restarted');
    assert.ok(retries.length >= 2, `tus-js-client retried after each fault (saw ${retries.length} retries)`);
    assert.ok(resumeOffsets.some((offset) => offset > 0),
      `a HEAD after a fault reported a stored offset > 0 (saw ${resumeOffsets.join(', ') || 'no HEAD'})`);
    assert.ok(proxy.stats.bytesUp < 1.5 * FILE_BYTES,
      `the client resumed instead of restarting: ${proxy.stats.bytesUp} bytes sent for a ${FILE_BYTES}-byte file`);

    const stored = await finishedRecording(session, recording.id);
    assert.equal(stored.source?.size, FILE_BYTES, `recording source.size: ${JSON.stringify(stored.source)}`);
    assert.equal(stored.source?.sha256, fileSha256, 'recording source.sha256 equals the local file\'s');
    assert.equal(stored.source?.filename, FILENAME, 'recording source.filename is the one in Upload-Metadata');

    const objectPath = await storedObjectPath(dataDir, recording.id);
    const objectSha256 = await sha256OfFile(objectPath);
    assert.equal(objectSha256, fileSha256, `the stored object ${objectPath} is byte-identical to the file`);
    passed = true;
  });

function pct(bytes) {
  return `${((100 * bytes) / FILE_BYTES).toFixed(1)}%`;
}
