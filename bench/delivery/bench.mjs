// Media delivery benchmark (issue 10: HTTP on every core). Starts the server jar, has a teacher
// upload a generated lesson and share it with a coach, then VIEWERS keep-alive connections (the
// coach's session) fetch the lesson's HLS segments through the server for SECONDS, flat out, each
// request access-checked and streamed from object storage (the default proxy delivery). Reports
// requests/s, MB/s, latency, and the CPU seconds of each of the server's event-loop threads, which
// shows whether HTTP runs on one core or on all. Run it against two jars (LESSONLOOP_JAR) to
// compare builds; every knob is an environment variable (run.sh lists them).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { childCpuSeconds, cpuSecondsOf } from '../cpu.mjs';
import { bootstrapEnv } from '../../web/test/support/api.mjs';
import { sharedLesson } from '../../web/test/support/review.mjs';
import { jarPath, javaBinary, startServer } from '../../web/test/support/server.mjs';
import { workspace } from '../workspace.mjs';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const VIEWERS = Number(env.LESSONLOOP_BENCH_VIEWERS ?? 64);
const SECONDS = Number(env.LESSONLOOP_BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.LESSONLOOP_BENCH_WARMUP_SECONDS ?? 30);
const ROUNDS = Number(env.LESSONLOOP_BENCH_ROUNDS ?? 3);
const VIDEO_SECONDS = Number(env.LESSONLOOP_BENCH_VIDEO_SECONDS ?? 30);
const WRK_THREADS = Number(env.LESSONLOOP_BENCH_WRK_THREADS ?? 2);

const { work, dataDir, serverLog, run } = await workspace('delivery');
let server;

await run(main, async () => server?.stop());

async function main() {
  server = await startServer({ dataDir, env: bootstrapEnv(), logFile: serverLog });
  log(`jar ${jarPath}; server pid ${server.pid} on ${server.url}; ${VIEWERS} viewers, ${ROUNDS} × ${SECONDS}s`);
  const { coachSession, recording } = await sharedLesson({ server, work, logFile: serverLog, seconds: VIDEO_SECONDS, permission: 'view' });
  const segments = await segmentPaths(coachSession, recording.id);
  const pathsFile = join(work, 'segments.txt');
  writeFileSync(pathsFile, `${segments.map((s) => s.path).join('\n')}\n`);
  const averageKiB = segments.reduce((sum, s) => sum + s.bytes, 0) / segments.length / 1024;
  log(`lesson of ${VIDEO_SECONDS}s ready: ${segments.length} segments over its renditions, ${averageKiB.toFixed(0)} KiB on average`);

  log(`warm-up: ${WARMUP_SECONDS}s (not measured)`);
  load(pathsFile, coachSession, WARMUP_SECONDS, { tolerateErrors: true });
  const runs = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const run = load(pathsFile, coachSession, SECONDS);
    runs.push(run);
    log(`round ${round}: ${summary(run)}`);
  }
  const median = [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
  log(`median:  ${summary(median)}`);
  const result = {
    jar: jarPath,
    cores: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()),
    viewers: VIEWERS,
    segments: segments.length,
    averageSegmentKiB: Math.round(averageKiB),
    rounds: runs.map(figures),
    median: figures(median),
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

/** Every segment path of every rendition (with its size), read from the playlists as the viewer. */
async function segmentPaths(session, recordingId) {
  const base = `/api/recordings/${recordingId}/media/`;
  const text = async (path) => {
    const response = await fetch(`${session.baseUrl}${path}`, { headers: { Cookie: session.cookie } });
    if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}`);
    return response;
  };
  const entries = (playlist) => playlist.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const segments = [];
  for (const variant of entries(await (await text(`${base}master.m3u8`)).text())) {
    const folder = variant.includes('/') ? variant.slice(0, variant.lastIndexOf('/') + 1) : '';
    for (const segment of entries(await (await text(`${base}${variant}`)).text())) {
      const path = `${base}${folder}${segment}`;
      const bytes = (await (await text(path)).arrayBuffer()).byteLength;
      segments.push({ path, bytes });
    }
  }
  if (segments.length === 0) throw new Error('the lesson has no segments');
  return segments;
}

/** wrk (C, light enough to share the cores with the server) runs VIEWERS connections for `seconds`; load.lua reports. */
function load(pathsFile, session, seconds, { tolerateErrors = false } = {}) {
  const before = { threads: threadCpu(server.pid), server: cpuSecondsOf(server.pid), client: childCpuSeconds() };
  const loadAverage = loadavg();
  const run = spawnSync('wrk', ['-t', String(WRK_THREADS), '-c', String(VIEWERS), '-d', `${seconds}s`, '--timeout', '30s',
    '-s', join(here, 'load.lua'), server.url, '--', pathsFile, session.cookie], { encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run wrk (${run.error.message}); install it: apt-get install wrk, brew install wrk`);
  const line = run.stdout.split('\n').find((l) => l.startsWith('WRK '));
  if (run.status !== 0 || !line) throw new Error(`wrk failed (${run.status}):\n${run.stdout}${run.stderr}`);
  const figures = JSON.parse(line.slice(4));
  // The warm-up only has to run the code: a cold JIT on a busy machine may time a request out.
  if (!tolerateErrors && (figures.badStatus > 0 || figures.socketErrors > 0)) {
    throw new Error(`${figures.badStatus} unexpected statuses and ${figures.socketErrors} socket errors in ${figures.requests} requests`);
  }
  const after = threadCpu(server.pid);
  const names = threadNames(server.pid);
  const threads = [...after.entries()]
    .map(([tid, cpu]) => ({ name: names.get(tid) ?? `tid ${tid}`, cpuSeconds: cpu - (before.threads.get(tid) ?? 0) }));
  const eventLoops = threads.filter((t) => t.name.startsWith('vert.x-eventloop-thread'))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  // Where the rest went: threads grouped by name without their numbers (a JVM's carrier and GC threads have no dump name).
  const groups = new Map();
  for (const t of threads) {
    const group = t.name.startsWith('tid ') ? 'unnamed (GC, JIT, virtual-thread carriers)' : t.name.replace(/[-#]\d+|\d+$/g, '');
    groups.set(group, (groups.get(group) ?? 0) + t.cpuSeconds);
  }
  const busiest = [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
    .map(([name, cpuSeconds]) => ({ name, cpuSeconds }));
  return {
    requests: figures.requests,
    perSecond: figures.requests / figures.seconds,
    megabytesPerSecond: figures.bytes / figures.seconds / 1e6,
    p50: figures.p50Ms,
    p99: figures.p99Ms,
    seconds: figures.seconds,
    serverCpuSeconds: cpuSecondsOf(server.pid) - before.server,
    clientCpuSeconds: childCpuSeconds() - before.client,
    eventLoops,
    busiest,
    loadAverage: loadAverage.map((l) => Math.round(l * 100) / 100),
  };
}

function figures(r) {
  const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    requests: r.requests, perSecond: Math.round(r.perSecond), megabytesPerSecond: round(r.megabytesPerSecond),
    p50Ms: round(r.p50, 2), p99Ms: round(r.p99, 2), serverCpuSeconds: round(r.serverCpuSeconds), clientCpuSeconds: round(r.clientCpuSeconds),
    eventLoopCpuSeconds: Object.fromEntries(r.eventLoops.map((t) => [t.name, round(t.cpuSeconds, 2)])),
    busiestThreadGroupsCpuSeconds: Object.fromEntries(r.busiest.map((t) => [t.name, round(t.cpuSeconds, 2)])),
    loadAverageAtStart: r.loadAverage,
  };
}

function summary(r) {
  const loops = r.eventLoops.filter((t) => t.cpuSeconds >= 0.05)
    .map((t) => `${t.name.replace('vert.x-eventloop-thread-', 'loop ')} ${t.cpuSeconds.toFixed(1)}s`).join(', ');
  return `${Math.round(r.perSecond)} req/s, ${r.megabytesPerSecond.toFixed(1)} MB/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ` +
    `CPU server ${r.serverCpuSeconds.toFixed(1)}s (event loops: ${loops || 'none'}), wrk ${r.clientCpuSeconds.toFixed(1)}s; ` +
    `load average ${r.loadAverage.join(' ')}\n    busiest server threads: ${r.busiest.map((t) => `${t.name} ${t.cpuSeconds.toFixed(1)}s`).join(', ')}`;
}

/** CPU seconds of each thread of a process (utime + stime of /proc/<pid>/task/<tid>/stat). */
function threadCpu(pid) {
  const cpu = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      cpu.set(Number(tid), cpuSecondsOf(pid, tid));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

/** Full thread names by native id, from a thread dump (the kernel keeps only 15 characters of a name). */
function threadNames(pid) {
  const jcmd = join(dirname(javaBinary()), 'jcmd');
  const dump = spawnSync(existsSync(jcmd) ? jcmd : 'jcmd', [String(pid), 'Thread.print'], { encoding: 'utf8' }).stdout ?? '';
  const names = new Map();
  for (const match of dump.matchAll(/^"([^"]+)".*\bnid=(0x[0-9a-f]+|\d+)/gm)) {
    names.set(Number(match[2]), match[1]);
  }
  return names;
}

function log(message) {
  console.log(`[delivery-bench] ${message}`);
}
