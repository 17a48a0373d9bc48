// Upload benchmark (DESIGN §7): in one run, the same generated file is
//   (a) uploaded through the Lessonloop server with tus-js-client (tus → S3 multipart), and
//   (b) put directly into the same S3 endpoint with the MinIO JavaScript client (multipart),
// while the server runs with -Xmx256m and its heap and RSS are sampled. Prints a table.
// Started by run.sh; every knob is an environment variable (see bench/README.md).
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as Minio from 'minio';
import * as tus from 'tus-js-client';

import { bootstrapAdmin, bootstrapEnv, teacherWithNewRecording, finishedRecording } from '../../web/test/support/api.mjs';
import { formatBytes, writePseudoRandomFile } from '../../web/test/support/files.mjs';
import { startEmbeddedS3, startServer } from '../../web/test/support/server.mjs';
import { sampleHeap } from '../jstat.mjs';
import { workspace } from '../workspace.mjs';

const env = process.env;
const BYTES = Number(env.LESSONLOOP_BENCH_BYTES ?? 2 * 1024 ** 3);
const ROUNDS = Number(env.LESSONLOOP_BENCH_ROUNDS ?? 1);
const HEAP = env.LESSONLOOP_BENCH_XMX ?? '256m';
const WARMUP_BYTES = Number(env.LESSONLOOP_BENCH_WARMUP_BYTES ?? 256 * 1024 ** 2);
const TARGET_RATIO = 0.8;
const S3 = {
  accessKey: env.LESSONLOOP_BENCH_S3_ACCESS_KEY ?? 'bench-access-key',
  secretKey: env.LESSONLOOP_BENCH_S3_SECRET_KEY ?? 'bench-secret-key-0123456789',
  bucket: env.LESSONLOOP_BENCH_S3_BUCKET ?? 'lessonloop',
  region: env.LESSONLOOP_BENCH_S3_REGION ?? 'us-east-1',
};

const { work, dataDir, serverLog, run } = await workspace('upload');
const s3Dir = join(work, 's3-data');
const filePath = join(work, 'lesson.bin');
const warmupPath = join(work, 'warmup.bin');
const s3Log = join(work, 's3.log');
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
let s3 = null;
let server;

await run(main, stopAll, [['S3', s3Log]]);

async function main() {
  await mkdir(dataDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });
  log(`work dir ${work}; file ${formatBytes(BYTES)}; server heap -Xmx${HEAP}; rounds ${ROUNDS}`);

  const generated = Date.now();
  const sha256 = await writePseudoRandomFile(filePath, BYTES, 'bench');
  const warmupSha256 = WARMUP_BYTES > 0 ? await writePseudoRandomFile(warmupPath, WARMUP_BYTES, 'warm-up') : null;
  log(`generated the files in ${seconds(generated)}s (sha256 ${sha256})`);

  const endpoint = env.LESSONLOOP_BENCH_S3_ENDPOINT ?? await startS3();
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

  const signed = minioClient(endpoint, true);
  const unsigned = minioClient(endpoint, false);
  if (!await signed.bucketExists(S3.bucket)) await signed.makeBucket(S3.bucket, S3.region);

  if (WARMUP_BYTES > 0) {
    // Both JVMs (server, S3) start cold; one untimed pass of each path lets the JIT settle first.
    log(`warm-up: ${formatBytes(WARMUP_BYTES)} through each path (not timed)`);
    await timeDirectPut(signed, 'warm-up signed', 0, warmupPath, WARMUP_BYTES);
    await timeDirectPut(unsigned, 'warm-up unsigned', 0, warmupPath, WARMUP_BYTES);
    await timeTusUpload(warmupSha256, 0, warmupPath, WARMUP_BYTES);
    await rm(warmupPath);
    syncDisks();
  }

  const memory = sampleMemory(server.pid);
  const results = { tus: [], signed: [], unsigned: [] };
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Direct puts first, then through the server; flushing dirty pages between runs so that
      // one run's write-back does not slow the next.
      results.signed.push(await timeDirectPut(signed, 'signed payload', round));
      syncDisks();
      results.unsigned.push(await timeDirectPut(unsigned, 'unsigned payload', round));
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

async function timeDirectPut(minio, mode, round, path = filePath, bytes = BYTES) {
  const key = `bench/direct-${round}-${mode.replace(/\W+/g, '-')}`;
  const start = startMeasure();
  await minio.fPutObject(S3.bucket, key, path, { 'Content-Type': 'application/octet-stream' });
  const elapsed = endMeasure(start);
  const stat = await minio.statObject(S3.bucket, key);
  if (stat.size !== bytes) throw new Error(`direct put stored ${stat.size} bytes, expected ${bytes}`);
  await minio.removeObject(S3.bucket, key);
  log(`round ${round}: direct S3 put (${mode}) ${formatBytes(bytes)} in ${elapsed.seconds.toFixed(2)}s (${cpuText(elapsed)})`);
  return elapsed;
}

async function timeTusUpload(sha256, round, path = filePath, bytes = BYTES) {
  const { session, recording } = await teacherWithNewRecording(server.url, bootstrapAdmin, `Bench round ${round}`);
  const start = startMeasure();
  await new Promise((resolve, reject) => {
    const upload = new tus.Upload(createReadStream(path), {
      endpoint: `${server.url}/api/uploads`,
      headers: session.authHeaders(),
      metadata: { recordingId: recording.id, filename: 'bench.mp4' },
      retryDelays: null,
      onSuccess: resolve,
      onError: reject,
    });
    upload.start();
  });
  const elapsed = endMeasure(start);
  const stored = await finishedRecording(session, recording.id);
  if (stored.source?.size !== bytes || stored.source?.sha256 !== sha256) {
    throw new Error(`server stored ${JSON.stringify(stored.source)}, expected size ${bytes} sha256 ${sha256}`);
  }
  log(`round ${round}: tus upload through the server ${formatBytes(bytes)} in ${elapsed.seconds.toFixed(2)}s ` +
    `(${cpuText(elapsed)}; verified size and sha256)`);
  return elapsed;
}

/** Starts the embedded S3 server the application ships, as its own process (run.sh's S3). */
async function startS3() {
  s3 = await startEmbeddedS3({ dir: s3Dir, logFile: s3Log, accessKey: S3.accessKey, secretKey: S3.secretKey });
  return s3.endpoint;
}

/**
 * Over plain HTTP minio-js signs each part's SHA-256 (and S3Proxy then reads a signed part whole
 * into memory to check it). The server sends UNSIGNED-PAYLOAD with Content-MD5 instead, so the
 * bench times both: the client's default, and the same mode as the server (its `enableSHA256`
 * switch, which is what it uses over HTTPS), the faster of which is the baseline.
 */
function minioClient(endpoint, signPayload) {
  const url = new URL(endpoint);
  const client = new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    useSSL: url.protocol === 'https:',
    accessKey: S3.accessKey,
    secretKey: S3.secretKey,
    region: S3.region,
    pathStyle: true,
  });
  if (!signPayload) client.enableSHA256 = false;
  return client;
}

/**
 * Samples the server JVM once a second: heap used from `jstat -gc` (one long-lived jstat, so
 * sampling costs the 2 cores almost nothing) and RSS from /proc/<pid>/status.
 */
function sampleMemory(pid) {
  const peaks = { heapUsedKiB: 0, heapCapacityKiB: 0, rssKiB: 0, hwmKiB: 0, samples: 0 };
  const jstat = sampleHeap(pid, ({ usedKiB, capacityKiB }) => {
    peaks.heapUsedKiB = Math.max(peaks.heapUsedKiB, usedKiB);
    peaks.heapCapacityKiB = Math.max(peaks.heapCapacityKiB, capacityKiB);
    peaks.samples += 1;
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
  return {
    peaks,
    done: jstat.done,
    stop() {
      clearInterval(timer);
      readRss();
      jstat.stop();
    },
  };
}

function report(results, peaks, endpoint) {
  const median = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor((runs.length - 1) / 2)];
  const mbps = (run) => BYTES / 1e6 / run.seconds;
  const cpu = (value) => (Number.isNaN(value) ? '-' : value.toFixed(1));
  const signed = median(results.signed);
  const unsigned = median(results.unsigned);
  const viaServer = median(results.tus);
  const baseline = signed.seconds < unsigned.seconds ? signed : unsigned;
  const ratio = mbps(viaServer) / mbps(baseline);
  const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
  const rows = [
    ['what', 'bytes', 'seconds', 'MB/s', 'CPU s client', 'CPU s server', 'CPU s S3'],
    ...[
      ['direct S3 put, minio-js fPutObject (signed payload)', signed],
      ['direct S3 put, minio-js fPutObject (unsigned payload + MD5)', unsigned],
      ['tus upload through the server (tus-js-client)', viaServer],
    ].map(([what, run]) => [what, String(BYTES), run.seconds.toFixed(2), mbps(run).toFixed(1),
      cpu(run.cpu.client), cpu(run.cpu.server), cpu(run.cpu.s3)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  console.log('');
  console.log(`Upload benchmark: ${formatBytes(BYTES)}, S3 endpoint ${endpoint}, ${ROUNDS} round(s)${ROUNDS > 1 ? ' (median by time)' : ''}`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('');
  console.log(`throughput ratio (server / fastest direct put): ${ratio.toFixed(2)}   ` +
    `target ≥ ${TARGET_RATIO} (DESIGN §7): ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'}`);
  console.log(`server memory (-Xmx${HEAP}): peak heap used ${mib(peaks.heapUsedKiB)} of ${mib(peaks.heapCapacityKiB)} committed ` +
    `(jstat, ${peaks.samples} samples); peak RSS ${mib(Math.max(peaks.rssKiB, peaks.hwmKiB))} (VmHWM)`);
  const seconds = (runs) => runs.map((run) => round2(run.seconds));
  console.log(`RESULT ${JSON.stringify({
    bytes: BYTES,
    rounds: ROUNDS,
    directSignedSeconds: seconds(results.signed),
    directUnsignedSeconds: seconds(results.unsigned),
    tusSeconds: seconds(results.tus),
    directSignedMBps: round1(mbps(signed)),
    directUnsignedMBps: round1(mbps(unsigned)),
    tusMBps: round1(mbps(viaServer)),
    ratio: Number(ratio.toFixed(3)),
    targetMet: ratio >= TARGET_RATIO,
    tusCpuSeconds: { client: round1(viaServer.cpu.client), server: round1(viaServer.cpu.server), s3: round1(viaServer.cpu.s3) },
    directCpuSeconds: { client: round1(baseline.cpu.client), s3: round1(baseline.cpu.s3) },
    heap: `-Xmx${HEAP}`,
    peakHeapUsedMiB: Math.round(peaks.heapUsedKiB / 1024),
    peakRssMiB: Math.round(Math.max(peaks.rssKiB, peaks.hwmKiB) / 1024),
  })}`);
}

function round1(x) {
  return Number.isNaN(x) ? null : Number(x.toFixed(1));
}

function round2(x) {
  return Number(x.toFixed(2));
}

async function stopAll() {
  await server?.stop();
  await s3?.stop();
}

function syncDisks() {
  spawnSync('sync');
}


/** Wall-clock time plus the CPU seconds each process spent: this one (the client), the server, the S3 server. */
function startMeasure() {
  return { wall: process.hrtime.bigint(), client: process.cpuUsage(), server: cpuSecondsOf(server.pid), s3: cpuSecondsOf(s3?.pid) };
}

function endMeasure(start) {
  const client = process.cpuUsage(start.client);
  return {
    seconds: Number(process.hrtime.bigint() - start.wall) / 1e9,
    cpu: {
      client: (client.user + client.system) / 1e6,
      server: cpuSecondsOf(server.pid) - start.server,
      s3: cpuSecondsOf(s3?.pid) - start.s3,
    },
  };
}

/** utime + stime of a process (all its threads) from /proc/<pid>/stat; NaN when unknown. */
function cpuSecondsOf(pid) {
  if (!pid) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

function cpuText({ cpu }) {
  const parts = [['client', cpu.client], ['server', cpu.server], ['S3', cpu.s3]]
    .filter(([, value]) => !Number.isNaN(value))
    .map(([name, value]) => `${name} ${value.toFixed(1)}`);
  return `CPU seconds: ${parts.join(', ')}`;
}

function seconds(startMs) {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}

function log(message) {
  console.log(`[bench] ${message}`);
}
