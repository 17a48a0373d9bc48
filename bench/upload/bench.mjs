// Upload benchmark (DESIGN §7): in one run, the same generated file is
//   (a) uploaded through the Lessonloop server with tus-js-client (tus → S3 multipart), and
//   (b) put directly into the same S3 endpoint with the MinIO JavaScript client (multipart),
// while the server runs with -Xmx256m and its heap and RSS are sampled. Prints a table.
// Started by run.sh; every knob is an environment variable (see bench/README.md).
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as Minio from 'minio';
import * as tus from 'tus-js-client';

import { bootstrapAdmin, bootstrapEnv, teacherWithNewRecording, finishedRecording } from '../../web/test/support/api.mjs';
import { formatBytes, writePseudoRandomFile } from '../../web/test/support/files.mjs';
import { jarPath, javaBinary, killLeftoverPostgres, startServer, tailOf } from '../../web/test/support/server.mjs';

const env = process.env;
const BYTES = Number(env.LESSONLOOP_BENCH_BYTES ?? 2 * 1024 ** 3);
const ROUNDS = Number(env.LESSONLOOP_BENCH_ROUNDS ?? 1);
const HEAP = env.LESSONLOOP_BENCH_XMX ?? '256m';
const TARGET_RATIO = 0.8;
const S3 = {
  accessKey: env.LESSONLOOP_BENCH_S3_ACCESS_KEY ?? 'bench-access-key',
  secretKey: env.LESSONLOOP_BENCH_S3_SECRET_KEY ?? 'bench-secret-key-0123456789',
  bucket: env.LESSONLOOP_BENCH_S3_BUCKET ?? 'lessonloop',
  region: env.LESSONLOOP_BENCH_S3_REGION ?? 'us-east-1',
};

const work = env.LESSONLOOP_BENCH_WORK_DIR
  ? (await mkdir(env.LESSONLOOP_BENCH_WORK_DIR, { recursive: true }), env.LESSONLOOP_BENCH_WORK_DIR)
  : await mkdtemp(join(tmpdir(), 'lessonloop-bench-'));
const dataDir = join(work, 'server-data');
const s3Dir = join(work, 's3-data');
const filePath = join(work, 'lesson.bin');
const serverLog = join(work, 'server.log');
const s3Log = join(work, 's3.log');
const children = [];
let server;

process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));

try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err.stack ?? err}`);
  if (existsSync(serverLog)) console.error(`\n--- server log (last lines) ---\n${tailOf(serverLog, 40)}`);
  if (existsSync(s3Log)) console.error(`\n--- S3 log (last lines) ---\n${tailOf(s3Log, 20)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

async function main() {
  await mkdir(dataDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });
  log(`work dir ${work}; file ${formatBytes(BYTES)}; server heap -Xmx${HEAP}; rounds ${ROUNDS}`);

  const generated = Date.now();
  const sha256 = await writePseudoRandomFile(filePath, BYTES, 'bench');
  log(`generated the file in ${seconds(generated)}s (sha256 ${sha256})`);

  const endpoint = env.LESSONLOOP_BENCH_S3_ENDPOINT ?? await startEmbeddedS3();
  const s3Env = {
    LESSONLOOP_S3_ENDPOINT: endpoint,
    LESSONLOOP_S3_ACCESS_KEY: S3.accessKey,
    LESSONLOOP_S3_SECRET_KEY: S3.secretKey,
    LESSONLOOP_S3_BUCKET: S3.bucket,
    LESSONLOOP_S3_REGION: S3.region,
  };
  // Limits sized to the benchmark file (unless set by the caller): it measures throughput, not limits.
  const limits = {
    LESSONLOOP_UPLOAD_MAX_BYTES: env.LESSONLOOP_UPLOAD_MAX_BYTES ?? String(BYTES),
    LESSONLOOP_UPLOAD_QUOTA_BYTES: env.LESSONLOOP_UPLOAD_QUOTA_BYTES ?? String(BYTES),
  };
  server = await startServer({
    dataDir,
    env: { ...bootstrapEnv(), ...s3Env, ...limits },
    jvmArgs: [`-Xmx${HEAP}`],
    logFile: serverLog,
  });
  log(`server pid ${server.pid} listening on ${server.url}, S3 at ${endpoint}`);

  const minio = minioClient(endpoint);
  if (!await minio.bucketExists(S3.bucket)) await minio.makeBucket(S3.bucket, S3.region);

  const memory = sampleMemory(server.pid);
  const results = { tus: [], direct: [] };
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Direct first, then through the server; flushing dirty pages between runs so that one
      // run's write-back does not slow the next.
      results.direct.push(await timeDirectPut(minio, round));
      syncDisks();
      results.tus.push(await timeTusUpload(sha256, round));
      syncDisks();
    }
  } finally {
    memory.stop();
  }
  await memory.done;
  report(results, memory.peaks, endpoint);
}

async function timeDirectPut(minio, round) {
  const key = `bench/direct-${round}`;
  const start = process.hrtime.bigint();
  await minio.fPutObject(S3.bucket, key, filePath, { 'Content-Type': 'application/octet-stream' });
  const elapsed = elapsedSince(start);
  const stat = await minio.statObject(S3.bucket, key);
  if (stat.size !== BYTES) throw new Error(`direct put stored ${stat.size} bytes, expected ${BYTES}`);
  await minio.removeObject(S3.bucket, key);
  log(`round ${round}: direct S3 put ${formatBytes(BYTES)} in ${elapsed.toFixed(2)}s`);
  return elapsed;
}

async function timeTusUpload(sha256, round) {
  const { session, recording } = await teacherWithNewRecording(server.url, bootstrapAdmin, `Bench round ${round}`);
  const start = process.hrtime.bigint();
  await new Promise((resolve, reject) => {
    const upload = new tus.Upload(createReadStream(filePath), {
      endpoint: `${server.url}/api/uploads`,
      headers: session.authHeaders(),
      metadata: { recordingId: recording.id, filename: 'bench.mp4' },
      retryDelays: null,
      onSuccess: resolve,
      onError: reject,
    });
    upload.start();
  });
  const elapsed = elapsedSince(start);
  const stored = await finishedRecording(session, recording.id);
  if (stored.source?.size !== BYTES || stored.source?.sha256 !== sha256) {
    throw new Error(`server stored ${JSON.stringify(stored.source)}, expected size ${BYTES} sha256 ${sha256}`);
  }
  log(`round ${round}: tus upload through the server ${formatBytes(BYTES)} in ${elapsed.toFixed(2)}s (verified size and sha256)`);
  return elapsed;
}

/** Starts the embedded S3 server the application ships, as its own process (run.sh's S3). */
async function startEmbeddedS3() {
  const port = await freePort();
  const child = spawn(javaBinary(), [
    '-cp', jarPath, 'org.lessonloop.storage.EmbeddedS3Main', s3Dir, String(port), S3.accessKey, S3.secretKey,
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const logStream = createWriteStream(s3Log);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('embedded S3 did not print "S3 ready on …" within 60s')), 60_000);
    child.stdout.on('data', (data) => {
      seen += data.toString('utf8');
      const match = /S3 ready on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded S3 exited with code ${code}`));
    });
  });
}

function minioClient(endpoint) {
  const url = new URL(endpoint);
  return new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    useSSL: url.protocol === 'https:',
    accessKey: S3.accessKey,
    secretKey: S3.secretKey,
    region: S3.region,
    pathStyle: true,
  });
}

/**
 * Samples the server JVM once a second: heap used from `jstat -gc` (one long-lived jstat, so
 * sampling costs the 2 cores almost nothing) and RSS from /proc/<pid>/status.
 */
function sampleMemory(pid) {
  const peaks = { heapUsedKiB: 0, heapCapacityKiB: 0, rssKiB: 0, hwmKiB: 0, samples: 0 };
  const jstat = spawn(join(dirname(javaBinary()), 'jstat'), ['-gc', String(pid), '1000'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let header = null;
  let pending = '';
  jstat.stdout.on('data', (data) => {
    pending += data.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields[0] === 'S0C') {
        header = fields;
        continue;
      }
      if (!header || fields.length !== header.length) continue;
      const value = (name) => Number(fields[header.indexOf(name)] ?? 0) || 0;
      const used = value('S0U') + value('S1U') + value('EU') + value('OU');
      const capacity = value('S0C') + value('S1C') + value('EC') + value('OC');
      peaks.heapUsedKiB = Math.max(peaks.heapUsedKiB, used);
      peaks.heapCapacityKiB = Math.max(peaks.heapCapacityKiB, capacity);
      peaks.samples += 1;
    }
  });
  const readRss = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      peaks.rssKiB = Math.max(peaks.rssKiB, kib('VmRSS'));
      peaks.hwmKiB = Math.max(peaks.hwmKiB, kib('VmHWM'));
    } catch {
      // the process is gone
    }
  };
  const timer = setInterval(readRss, 1000);
  const done = new Promise((resolve) => jstat.on('close', resolve));
  return {
    peaks,
    done,
    stop() {
      clearInterval(timer);
      readRss();
      jstat.kill('SIGTERM');
    },
  };
}

function report(results, peaks, endpoint) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const direct = median(results.direct);
  const viaServer = median(results.tus);
  const mbps = (s) => BYTES / 1e6 / s;
  const ratio = mbps(viaServer) / mbps(direct);
  const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
  const rows = [
    ['what', 'bytes', 'seconds', 'MB/s'],
    ['direct S3 put (minio-js fPutObject)', String(BYTES), direct.toFixed(2), mbps(direct).toFixed(1)],
    ['tus upload through the server', String(BYTES), viaServer.toFixed(2), mbps(viaServer).toFixed(1)],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  console.log('');
  console.log(`Upload benchmark: ${formatBytes(BYTES)}, S3 endpoint ${endpoint}, ${ROUNDS} round(s)${ROUNDS > 1 ? ' (medians)' : ''}`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('');
  console.log(`throughput ratio (server / direct): ${ratio.toFixed(2)}   target ≥ ${TARGET_RATIO} (DESIGN §7): ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'}`);
  console.log(`server memory (-Xmx${HEAP}): peak heap used ${mib(peaks.heapUsedKiB)} of ${mib(peaks.heapCapacityKiB)} committed ` +
    `(jstat, ${peaks.samples} samples); peak RSS ${mib(Math.max(peaks.rssKiB, peaks.hwmKiB))} (VmHWM)`);
  console.log(`RESULT ${JSON.stringify({
    bytes: BYTES,
    rounds: ROUNDS,
    directSeconds: results.direct,
    tusSeconds: results.tus,
    directMBps: Number(mbps(direct).toFixed(1)),
    tusMBps: Number(mbps(viaServer).toFixed(1)),
    ratio: Number(ratio.toFixed(3)),
    heap: `-Xmx${HEAP}`,
    peakHeapUsedMiB: Math.round(peaks.heapUsedKiB / 1024),
    peakRssMiB: Math.round(Math.max(peaks.rssKiB, peaks.hwmKiB) / 1024),
  })}`);
}

async function cleanup() {
  if (server) await server.stop().catch(() => {});
  server = null;
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await killLeftoverPostgres(dataDir);
  if (env.LESSONLOOP_BENCH_KEEP === '1' || env.LESSONLOOP_BENCH_WORK_DIR) log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

function syncDisks() {
  spawnSync('sync');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function elapsedSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function seconds(startMs) {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}

function log(message) {
  console.log(`[bench] ${message}`);
}
