// Review API benchmark (DESIGN §7: comments API ≥ 2,000 writes/s and ≥ 5,000 timeline reads/s on
// 2 cores, p99 < 25 ms). Starts the server jar, seeds one shared recording with a realistic review
// (comments, ranges, replies, private notes, tags, clips), then for a fixed time each:
//   reads  - the coach GETs /api/recordings/{id}/timeline from CONCURRENCY keep-alive connections;
//   writes - the coach POSTs comments to another recording, as many at once.
// The load generator runs on the same machine, so it takes part of the 2 cores from the server;
// its CPU seconds are reported beside the server's. Every knob is an environment variable.
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ApiSession, bootstrapAdmin, bootstrapEnv } from '../../web/test/support/api.mjs';
import { killLeftoverPostgres, startServer, tailOf } from '../../web/test/support/server.mjs';

const env = process.env;
const SECONDS = Number(env.LESSONLOOP_BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(env.LESSONLOOP_BENCH_WARMUP_SECONDS ?? 10);
const CONCURRENCY = Number(env.LESSONLOOP_BENCH_CONCURRENCY ?? 32);
const COMMENTS = Number(env.LESSONLOOP_BENCH_COMMENTS ?? 60);
const CLIPS = Number(env.LESSONLOOP_BENCH_CLIPS ?? 6);
const TARGETS = { readsPerSecond: 5000, writesPerSecond: 2000, p99Ms: 25 };
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const work = await mkdtemp(join(tmpdir(), 'lessonloop-review-bench-'));
const dataDir = join(work, 'server-data');
const serverLog = join(work, 'server.log');
let server;

try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err.stack ?? err}`);
  if (existsSync(serverLog)) console.error(`\n--- server log (last lines) ---\n${tailOf(serverLog, 40)}`);
  process.exitCode = 1;
} finally {
  if (server) await server.stop();
  await killLeftoverPostgres(dataDir);
  await rm(work, { recursive: true, force: true });
}

async function main() {
  // An external PostgreSQL (LESSONLOOP_BENCH_DB_URL/_USER/_PASSWORD) is what a school runs; the
  // embedded one is the default.
  const database = env.LESSONLOOP_BENCH_DB_URL ? {
    LESSONLOOP_DB_URL: env.LESSONLOOP_BENCH_DB_URL,
    LESSONLOOP_DB_USER: env.LESSONLOOP_BENCH_DB_USER ?? 'postgres',
    LESSONLOOP_DB_PASSWORD: env.LESSONLOOP_BENCH_DB_PASSWORD ?? '',
  } : {};
  const jvmArgs = env.LESSONLOOP_BENCH_JVM_ARGS ? env.LESSONLOOP_BENCH_JVM_ARGS.split(' ') : [];
  server = await startServer({ dataDir, env: { ...bootstrapEnv(), ...database }, jvmArgs, logFile: serverLog });
  log(`server pid ${server.pid} on ${server.url}; ${CONCURRENCY} connections, ${SECONDS}s per phase`);

  const { coach, readId, writeId } = await seed(server.url);
  const cookieHeaders = { Cookie: coach.cookie, 'X-CSRF-Token': coach.csrfToken };
  const timeline = await coach.get(`/api/recordings/${readId}/timeline`);
  const bytes = Buffer.byteLength(JSON.stringify(timeline));
  log(`seeded: ${timeline.threads.length} threads (${COMMENTS} comments with replies and notes), ${timeline.clips.length} clips; ` +
    `timeline ${(bytes / 1024).toFixed(1)} KiB`);

  const read = () => ({ method: 'GET', path: `/api/recordings/${readId}/timeline`, headers: cookieHeaders, expect: 200 });
  let n = 0;
  const write = () => {
    n += 1;
    const body = JSON.stringify({ startMs: (n * 977) % 3_000_000, body: `Benchmark comment ${n}: wait time after the question.` });
    return {
      method: 'POST', path: `/api/recordings/${writeId}/comments`, body,
      headers: { ...cookieHeaders, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, expect: 201,
    };
  };

  log(`warm-up: ${WARMUP_SECONDS}s of reads and writes (not measured)`);
  await load(server.url, read, WARMUP_SECONDS / 2);
  await load(server.url, write, WARMUP_SECONDS / 2);

  const reads = await load(server.url, read, SECONDS);
  log(`reads:  ${summary(reads)}`);
  const writes = await load(server.url, write, SECONDS);
  log(`writes: ${summary(writes)}`);

  const result = {
    cores: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()),
    concurrency: CONCURRENCY,
    timelineKiB: Math.round(bytes / 102.4) / 10,
    reads: figures(reads),
    writes: figures(writes),
    targets: TARGETS,
    met: {
      reads: reads.perSecond >= TARGETS.readsPerSecond && reads.p99 < TARGETS.p99Ms,
      writes: writes.perSecond >= TARGETS.writesPerSecond && writes.p99 < TARGETS.p99Ms,
    },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

/** A teacher, a coach with a comment share, a recording with a review on it and one to write to. */
async function seed(baseUrl) {
  const admin = await ApiSession.signIn(baseUrl, bootstrapAdmin.email, bootstrapAdmin.password);
  const stamp = Date.now();
  const people = {};
  for (const role of ['teacher', 'coach']) {
    const person = { email: `${role}-${stamp}@school.example`, displayName: `Bench ${role}`, role, password: 'correct horse battery staple' };
    await admin.post('/api/users', person, 201);
    people[role] = await ApiSession.signIn(baseUrl, person.email, person.password);
  }
  const { teacher, coach } = people;
  const set = await admin.post('/api/tag-sets', { name: `Framework ${stamp}` }, 201);
  let tags = set.tags;
  for (const [name, color] of [['Questioning', '#e67e22'], ['Student talk', '#27ae60'], ['Transitions', '#2980b9']]) {
    tags = (await admin.post(`/api/tag-sets/${set.id}/tags`, { name, color }, 201)).tags;
  }
  const goal = await teacher.post('/api/goals', { statement: 'Students explain their reasoning', measure: '% of answers with a reason' }, 201);
  const labels = [...tags.map((t) => t.id), goal.id];
  const recording = async (title) => {
    const created = await teacher.post('/api/recordings', { title }, 201);
    await teacher.post(`/api/recordings/${created.id}/shares`, { userId: coach.me.id, permission: 'comment' }, 201);
    return created.id;
  };
  const readId = await recording('Benchmark lesson (read)');
  const writeId = await recording('Benchmark lesson (write)');
  let lastThread = null;
  for (let i = 0; i < COMMENTS; i += 1) {
    const startMs = i * 30_000;
    if (i % 5 === 4 && lastThread) {
      await teacher.post(`/api/comments/${lastThread}/replies`, { body: `Reply ${i}: yes, I noticed that too.` }, 201);
    } else if (i % 7 === 6) {
      await coach.post(`/api/recordings/${readId}/comments`, { startMs, body: `Private note ${i}`, visibility: 'private' }, 201);
    } else {
      const comment = await coach.post(`/api/recordings/${readId}/comments`, {
        startMs, endMs: i % 3 === 0 ? startMs + 12_000 : undefined,
        body: `Comment ${i}: the students <b>paused</b> before answering; ask them why.`,
        tagIds: [labels[i % labels.length]],
      }, 201);
      lastThread = comment.id;
    }
  }
  for (let i = 0; i < CLIPS; i += 1) {
    await coach.post(`/api/recordings/${readId}/clips`,
      { title: `Clip ${i}`, note: 'Worth discussing', startMs: i * 60_000, endMs: i * 60_000 + 25_000, tagIds: [labels[i % labels.length]] }, 201);
  }
  return { coach, readId, writeId };
}

/** CONCURRENCY loops, each on its own keep-alive connection, sending requests for `seconds`. */
async function load(baseUrl, nextRequest, seconds) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies = [];
  let failures = 0;
  const cpuBefore = { server: cpuSecondsOf(server.pid), client: process.cpuUsage() };
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const worker = async () => {
    while (process.hrtime.bigint() < deadline) {
      const request = nextRequest();
      const t0 = process.hrtime.bigint();
      const status = await send(agent, url, request);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (status !== request.expect) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const client = process.cpuUsage(cpuBefore.client);
  latencies.sort((a, b) => a - b);
  if (failures > 0) throw new Error(`${failures} of ${latencies.length} requests answered an unexpected status`);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    serverCpuSeconds: cpuSecondsOf(server.pid) - cpuBefore.server,
    clientCpuSeconds: (client.user + client.system) / 1e6,
    seconds: elapsed,
  };
}

function send(agent, url, { method, path, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function figures(r) {
  const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    requests: r.requests, perSecond: Math.round(r.perSecond), p50Ms: round(r.p50, 2), p99Ms: round(r.p99, 2),
    serverCpuSeconds: round(r.serverCpuSeconds, 1), clientCpuSeconds: round(r.clientCpuSeconds, 1),
  };
}

function summary(r) {
  return `${Math.round(r.perSecond)}/s over ${r.seconds.toFixed(1)}s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms ` +
    `(CPU: server ${r.serverCpuSeconds.toFixed(1)}s, load generator ${r.clientCpuSeconds.toFixed(1)}s)`;
}

/** User + system CPU seconds of a process, from /proc/<pid>/stat. */
function cpuSecondsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function log(message) {
  console.log(`[review-bench] ${message}`);
}
