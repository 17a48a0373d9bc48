// Takeout benchmark: a teacher's account of LESSONLOOP_BENCH_BYTES (2 GiB) downloaded as one ZIP
// from a server capped at -Xmx256m; reports throughput and the server's heap peak. See README.md.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { spawnSync } from 'node:child_process';

import { bootstrapAdmin, bootstrapEnv, teacherWithNewRecording, finishedRecording, ApiSession } from '../../web/test/support/api.mjs';
import { formatBytes, writePseudoRandomFile } from '../../web/test/support/files.mjs';
import { killLeftoverPostgres, startServer, tailOf } from '../../web/test/support/server.mjs';
import { sampleHeap as sampleHeapOf } from '../jstat.mjs';

const env = process.env;
const BYTES = Number(env.LESSONLOOP_BENCH_BYTES ?? 2 * 1024 ** 3);
const RECORDINGS = Number(env.LESSONLOOP_BENCH_RECORDINGS ?? 4);
const HEAP = env.LESSONLOOP_BENCH_XMX ?? '256m';
const work = await mkdtemp(join(tmpdir(), 'lessonloop-takeout-'));
const dataDir = join(work, 'server-data');
const serverLog = join(work, 'server.log');
const gcLog = join(work, 'gc.log');
const zipPath = join(work, 'takeout.zip');
let server;

try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err.stack ?? err}`);
  if (existsSync(serverLog)) console.error(`\n--- server log (last lines) ---\n${tailOf(serverLog, 40)}`);
  process.exitCode = 1;
} finally {
  if (server) {
    await server.stop();
    await killLeftoverPostgres(dataDir).catch(() => {});
  }
  if (env.LESSONLOOP_BENCH_KEEP !== '1') await rm(work, { recursive: true, force: true });
}

async function main() {
  await mkdir(dataDir, { recursive: true });
  const each = Math.ceil(BYTES / RECORDINGS);
  log(`work dir ${work}; ${RECORDINGS} recordings of ${formatBytes(each)}; server heap -Xmx${HEAP}`);
  const source = join(work, 'lesson.bin');
  await writePseudoRandomFile(source, each, 'takeout');

  server = await startServer({
    dataDir,
    env: { ...bootstrapEnv(), LESSONLOOP_UPLOAD_MAX_BYTES: String(each), LESSONLOOP_UPLOAD_QUOTA_BYTES: String(each * RECORDINGS + 1) },
    jvmArgs: [`-Xmx${HEAP}`, `-Xlog:gc:file=${gcLog}:uptime`],
    logFile: serverLog,
  });
  log(`server pid ${server.pid} on ${server.url}`);

  // One teacher, several recordings, each original uploaded through tus (random bytes: processing
  // fails at the probe, the original stays, and a takeout carries originals whatever their status).
  const { session, recording } = await teacherWithNewRecording(server.url, bootstrapAdmin, 'Takeout lesson 1');
  const ids = [recording.id];
  for (let i = 2; i <= RECORDINGS; i += 1) ids.push((await session.post('/api/recordings', { title: `Takeout lesson ${i}` }, 201)).id);
  const uploaded = Date.now();
  for (const id of ids) {
    await tusUpload(session, id, source, each);
    await finishedRecording(session, id, 120_000);
  }
  log(`uploaded ${formatBytes(each * RECORDINGS)} in ${((Date.now() - uploaded) / 1000).toFixed(1)}s`);
  await rm(source);

  const memory = sampleHeap(server.pid);
  const started = process.hrtime.bigint();
  const response = await fetch(`${server.url}/api/me/takeout`, { headers: { Cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`GET /api/me/takeout → ${response.status} ${await response.text()}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(zipPath));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  memory.stop();
  await memory.done;
  const size = (await stat(zipPath)).size;

  const listing = spawnSync('unzip', ['-t', zipPath], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const originals = (listing.stdout.match(/original\S*\s+OK/g) ?? []).length;
  if (listing.status !== 0 || originals !== RECORDINGS) {
    throw new Error(`unzip -t failed or found ${originals} originals:\n${listing.stdout.slice(-2000)}${listing.stderr}`);
  }
  const gcPeak = peakAfterGc();
  console.log('\n=== takeout ===');
  console.log(`archive: ${formatBytes(size)} (${RECORDINGS} originals, unzip -t: all entries OK)`);
  console.log(`time: ${seconds.toFixed(1)} s, throughput ${(size / 1024 ** 2 / seconds).toFixed(0)} MiB/s`);
  console.log(`server heap (-Xmx${HEAP}): peak used ${(memory.peakKiB / 1024).toFixed(0)} MiB (jstat, 1 s samples, ${memory.samples} samples); ` +
    `peak after GC ${gcPeak} MiB (GC log)`);
}

/** tus 1.0 creation then one streamed PATCH of the whole file. */
async function tusUpload(session, recordingId, path, size) {
  const b64 = (text) => Buffer.from(text).toString('base64');
  const created = await fetch(`${server.url}/api/uploads`, {
    method: 'POST',
    headers: { ...session.authHeaders(), 'Tus-Resumable': '1.0.0', 'Upload-Length': String(size),
      'Upload-Metadata': `recordingId ${b64(recordingId)},filename ${b64('lesson.mp4')}` },
  });
  if (created.status !== 201) throw new Error(`tus creation → ${created.status} ${await created.text()}`);
  const url = new URL(created.headers.get('Location'), server.url).toString();
  const patched = await fetch(url, {
    method: 'PATCH',
    headers: { ...session.authHeaders(), 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream',
      'Content-Length': String(size) },
    body: Readable.toWeb(createReadStream(path)),
    duplex: 'half',
  });
  if (patched.status !== 204) throw new Error(`tus PATCH → ${patched.status} ${await patched.text()}`);
}

/** The peak of the server's heap in use, from 1 s samples. */
function sampleHeap(pid) {
  const state = { peakKiB: 0, samples: 0 };
  const jstat = sampleHeapOf(pid, ({ usedKiB }) => {
    state.peakKiB = Math.max(state.peakKiB, usedKiB);
    state.samples += 1;
  });
  return Object.assign(state, jstat);
}

/** The largest heap left after a collection during the run, from `-Xlog:gc` lines such as "Pause Young … 120M->30M(256M)". */
function peakAfterGc() {
  const text = spawnSync('cat', [gcLog], { encoding: 'utf8' }).stdout ?? '';
  let peak = 0;
  for (const match of text.matchAll(/\d+M->(\d+)M\(\d+M\)/g)) peak = Math.max(peak, Number(match[1]));
  return peak;
}

function log(message) {
  console.log(`[takeout] ${message}`);
}
