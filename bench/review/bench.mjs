// Review API benchmark (DESIGN §7: comments API ≥ 2,000 writes/s and ≥ 5,000 timeline reads/s on
// 2 cores, p99 < 25 ms). Starts the server jar, seeds one shared recording with a realistic review
// (comments, ranges, replies, private notes, tags, clips), then for a fixed time each:
//   reads  - the coach GETs /api/recordings/{id}/timeline from CONCURRENCY keep-alive connections;
//   writes - the coach POSTs comments to another recording, as many at once.
// The load comes from wrk (load.lua), which runs on the same machine and so takes part of the 2
// cores from the server; its CPU seconds are reported beside the server's. Every knob is an
// environment variable.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { childCpuSeconds, cpuSecondsOf } from '../cpu.mjs';
import { ApiSession, bootstrapAdmin, bootstrapEnv } from '../../web/test/support/api.mjs';
import { startServer } from '../../web/test/support/server.mjs';
import { workspace } from '../workspace.mjs';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(env.LESSONLOOP_BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(env.LESSONLOOP_BENCH_WARMUP_SECONDS ?? 30);
const CONCURRENCY = Number(env.LESSONLOOP_BENCH_CONCURRENCY ?? 32);
const COMMENTS = Number(env.LESSONLOOP_BENCH_COMMENTS ?? 60);
const CLIPS = Number(env.LESSONLOOP_BENCH_CLIPS ?? 6);
const TARGETS = { readsPerSecond: 5000, writesPerSecond: 2000, p99Ms: 25 };
const WRK_THREADS = Number(env.LESSONLOOP_BENCH_WRK_THREADS ?? 2);

const { work, dataDir, serverLog, run } = await workspace('review');
let server;

await run(main, async () => server?.stop());

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
  const timeline = await coach.get(`/api/recordings/${readId}/timeline`);
  const bytes = Buffer.byteLength(JSON.stringify(timeline));
  log(`seeded: ${timeline.threads.length} threads (${COMMENTS} comments with replies and notes), ${timeline.clips.length} clips; ` +
    `timeline ${(bytes / 1024).toFixed(1)} KiB`);

  const readPath = `/api/recordings/${readId}/timeline`;
  const writePath = `/api/recordings/${writeId}/comments`;
  // A server runs for weeks: let the JIT compile both paths before measuring either.
  log(`warm-up: ${WARMUP_SECONDS}s of reads and writes (not measured)`);
  load(server.url, 'read', readPath, coach, Math.max(1, Math.round(WARMUP_SECONDS / 2)));
  load(server.url, 'write', writePath, coach, Math.max(1, Math.round(WARMUP_SECONDS / 2)));

  // Each kind twice: flat out (the most the server does; latency then only says how long the
  // queue is) and paced at the target rate (the latency a user sees at that load: the p99 judged).
  const reads = load(server.url, 'read', readPath, coach, SECONDS);
  log(`reads, flat out:        ${summary(reads)}`);
  const readsPaced = load(server.url, 'read', readPath, coach, SECONDS, TARGETS.readsPerSecond);
  log(`reads at ${TARGETS.readsPerSecond}/s:       ${summary(readsPaced)}`);
  const writes = load(server.url, 'write', writePath, coach, SECONDS);
  log(`writes, flat out:       ${summary(writes)}`);
  const writesPaced = load(server.url, 'write', writePath, coach, SECONDS, TARGETS.writesPerSecond);
  log(`writes at ${TARGETS.writesPerSecond}/s:      ${summary(writesPaced)}`);

  const result = {
    cores: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()),
    concurrency: CONCURRENCY,
    timelineKiB: Math.round(bytes / 102.4) / 10,
    reads: { flatOut: figures(reads), paced: figures(readsPaced) },
    writes: { flatOut: figures(writes), paced: figures(writesPaced) },
    targets: TARGETS,
    met: {
      reads: meets(reads, readsPaced, TARGETS.readsPerSecond),
      writes: meets(writes, writesPaced, TARGETS.writesPerSecond),
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
    const person = { email: `${role}-${stamp}@school.example`, displayName: `Bench ${role}`, role, password: 'horse battery staple correct' };
    await admin.invite(person);
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

/**
 * wrk (a C load generator, far lighter than any Node client: it shares the 2 cores with the
 * server) keeps CONCURRENCY keep-alive connections busy for `seconds`; load.lua makes the
 * requests and reports the figures as one JSON line.
 */
function load(baseUrl, mode, path, session, seconds, perSecond = 0) {
  const cpuBefore = { server: cpuSecondsOf(server.pid), client: childCpuSeconds() };
  const run = spawnSync('wrk', ['-t', String(WRK_THREADS), '-c', String(CONCURRENCY), '-d', `${seconds}s`, '--timeout', '10s',
    '-s', join(here, 'load.lua'), baseUrl, '--', mode, path, session.cookie, session.csrfToken, String(perSecond / WRK_THREADS)],
  { encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run wrk (${run.error.message}); install it: apt-get install wrk, brew install wrk`);
  const line = run.stdout.split('\n').find((l) => l.startsWith('WRK '));
  if (run.status !== 0 || !line) throw new Error(`wrk failed (${run.status}):\n${run.stdout}${run.stderr}`);
  const figures = JSON.parse(line.slice(4));
  if (figures.badStatus > 0 || figures.socketErrors > 0) {
    throw new Error(`${figures.badStatus} unexpected statuses and ${figures.socketErrors} socket errors in ${figures.requests} requests`);
  }
  return {
    requests: figures.requests,
    perSecond: figures.requests / figures.seconds,
    p50: figures.p50Ms,
    p99: figures.p99Ms,
    serverCpuSeconds: cpuSecondsOf(server.pid) - cpuBefore.server,
    clientCpuSeconds: childCpuSeconds() - cpuBefore.client,
    seconds: figures.seconds,
  };
}

/** The server can do the rate flat out, and at that rate (paced; 1 % slack for wrk's ramp-up) answers within the p99 target. */
function meets(flatOut, paced, perSecond) {
  return flatOut.perSecond >= perSecond && paced.perSecond >= 0.99 * perSecond && paced.p99 < TARGETS.p99Ms;
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

function log(message) {
  console.log(`[review-bench] ${message}`);
}
