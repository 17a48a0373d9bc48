// Media pipeline benchmark (DESIGN §7). In one run, on generated 1080p30 sources:
//   (a) an H.264/AAC MP4 (copyable: the fast path) and an H.264/MP3 MKV (not copyable: the whole
//       ladder is encoded) are each uploaded through the server with tus and the recording polled
//       until it is playable and ready;
//   (b) the bundled ffmpeg is run bare on the same files with the same arguments the server uses
//       (taken from the server's own classes by FfmpegPlan.java).
// Prints a table, a profile of where the pipeline's time went, and one `RESULT {json}` line, and
// writes the JSON to a file. Started by run.sh; every knob is an environment variable (bench/README.md).
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tus from 'tus-js-client';

import { bootstrapAdmin, bootstrapEnv, teacherWithNewRecording } from '../../web/test/support/api.mjs';
import { formatBytes } from '../../web/test/support/files.mjs';
import { jarPath, javaBinary, startServer } from '../../web/test/support/server.mjs';
import { workspace } from '../workspace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const BYTES = Number(env.LESSONLOOP_BENCH_MEDIA_BYTES ?? 1024 ** 3);
const LADDER_SECONDS = Number(env.LESSONLOOP_BENCH_MEDIA_LADDER_SECONDS ?? 90);
const BITRATE = env.LESSONLOOP_BENCH_MEDIA_BITRATE ?? '20M';
const CLIP_SECONDS = Number(env.LESSONLOOP_BENCH_MEDIA_CLIP_SECONDS ?? 60);
const LADDER = env.LESSONLOOP_BENCH_MEDIA_LADDER ?? '360,480,720';
const POLL_MS = Number(env.LESSONLOOP_BENCH_POLL_MS ?? 100);
const HEAP = env.LESSONLOOP_BENCH_XMX ?? '256m';
const RESULTS = resolve(env.LESSONLOOP_BENCH_RESULTS ?? join(here, 'results.json'));
const TARGETS = { playableSecondsPerGiB: 15, overhead: 1.10, ladderRealTime: 2.5, copyRealTime: 100 };
const GIB = 1024 ** 3;
const CORES = availableParallelism();
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const { work, dataDir, serverLog, run } = await workspace('media');
const sourcesDir = env.LESSONLOOP_BENCH_MEDIA_SOURCES ?? join(work, 'sources'); // kept when it is elsewhere
let server;

await run(main, async () => server?.stop());

async function main() {
  await mkdir(dataDir, { recursive: true });
  await mkdir(sourcesDir, { recursive: true });
  const ffmpeg = fromJava([]);
  log(`work dir ${work}; ffmpeg ${ffmpeg.ffmpeg}; ladder ${LADDER}; load average ${loadText()}`);

  const generated = Date.now();
  const sources = await generateSources(ffmpeg);
  log(`sources ready in ${seconds(generated)}s: ${sources.map((s) => `${s.file} ${formatBytes(s.bytes)}`).join(', ')}`);

  server = await startServer({
    dataDir,
    env: {
      ...bootstrapEnv(),
      LESSONLOOP_MEDIA_LADDER: LADDER,
      // Sized to the sources: the bench measures processing, not limits.
      LESSONLOOP_UPLOAD_MAX_BYTES: String(Math.max(...sources.map((s) => s.bytes))),
      LESSONLOOP_UPLOAD_QUOTA_BYTES: String(Math.max(...sources.map((s) => s.bytes))),
    },
    jvmArgs: [`-Xmx${HEAP}`],
    logFile: serverLog,
  });
  log(`server pid ${server.pid} listening on ${server.url}`);

  // The JVM starts cold and JavaCPP unpacks ffmpeg on first use: one untimed short recording first.
  const warm = await throughPipeline(sources.find((s) => s.name === 'warm-up'));
  log(`warm-up recording ready in ${warm.readySeconds.toFixed(1)}s (not counted)`);

  const results = [];
  for (const source of sources.filter((s) => s.name !== 'warm-up')) {
    syncDisks();
    const pipeline = await throughPipeline(source);
    syncDisks();
    const bare = await bareRuns(ffmpeg, source);
    results.push({ source, pipeline, bare });
  }
  report(results);
}

/**
 * A 1080p30 clip from lavfi (testsrc2 + a sine tone) in H.264 (OpenH264, the bundled encoder) and
 * AAC, then, without re-encoding, copies of it looped to the wanted size: the fast-path MP4 and the
 * ladder MKV (its audio as MP3, so that the server cannot copy it and encodes every rung).
 */
async function generateSources(ffmpeg) {
  const clip = join(sourcesDir, `clip-1080p30-${BITRATE}-${CLIP_SECONDS}s.mp4`);
  await ffmpegOnce(ffmpeg, clip, (out) => ['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(CLIP_SECONDS), '-map', '0:v', '-map', '1:a',
    '-c:v', 'libopenh264', '-b:v', BITRATE, '-maxrate', BITRATE, '-bufsize', doubled(BITRATE), '-g', '60', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-f', 'mp4', out]);
  const bytesPerSecond = statSync(clip).size / CLIP_SECONDS;
  const fastSeconds = Math.max(1, Math.round(BYTES / bytesPerSecond));
  const looped = (seconds, codecArgs) => (out) => ['-stream_loop', '-1', '-i', clip, '-t', String(seconds),
    '-map', '0:v', '-map', '0:a', ...codecArgs, out];
  const files = [
    { name: 'warm-up', kind: 'fast path', describe: 'H.264/AAC MP4', file: join(sourcesDir, `warmup-${BITRATE}.mp4`),
      args: looped(5, ['-c', 'copy', '-f', 'mp4']) },
    { name: 'fast', kind: 'fast path (copy)', describe: 'H.264/AAC MP4', file: join(sourcesDir, `fast-${BITRATE}-${fastSeconds}s.mp4`),
      args: looped(fastSeconds, ['-c', 'copy', '-movflags', '+faststart', '-f', 'mp4']) },
    { name: 'ladder', kind: `ladder ${LADDER}`, describe: 'H.264/MP3 MKV', file: join(sourcesDir, `ladder-${BITRATE}-${LADDER_SECONDS}s.mkv`),
      args: looped(LADDER_SECONDS, ['-c:v', 'copy', '-c:a', 'libmp3lame', '-b:a', '128k', '-f', 'matroska']) },
  ];
  for (const f of files) {
    await ffmpegOnce(ffmpeg, f.file, f.args);
    f.bytes = statSync(f.file).size;
    f.plan = fromJava([f.file, LADDER]);
    f.seconds = f.plan.durationMs / 1000;
  }
  return files;
}

/** Makes `file` unless it is there already (LESSONLOOP_BENCH_MEDIA_SOURCES keeps sources between runs). */
async function ffmpegOnce(ffmpeg, file, args) {
  if (existsSync(file)) return;
  const partial = `${file}.partial`;
  const started = Date.now();
  const run = await runFfmpeg(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args(partial)], sourcesDir);
  if (run.code !== 0) throw new Error(`generating ${file} failed (exit ${run.code}):\n${run.stderr}`);
  await rename(partial, file);
  log(`generated ${file} (${formatBytes(statSync(file).size)}) in ${seconds(started)}s`);
}

/** Uploads a source with tus, then polls the recording until it is ready; times every change seen. */
async function throughPipeline(source) {
  const { session, recording } = await teacherWithNewRecording(server.url, bootstrapAdmin, `Media bench ${source.name}`);
  const logOffset = statSync(serverLog).size;
  const uploadStart = performance.now();
  await new Promise((resolveUpload, reject) => {
    const upload = new tus.Upload(createReadStream(source.file), {
      endpoint: `${server.url}/api/uploads`,
      headers: session.authHeaders(),
      metadata: { recordingId: recording.id, filename: source.file.split('/').at(-1) },
      retryDelays: null,
      onSuccess: resolveUpload,
      onError: reject,
    });
    upload.start();
  });
  const done = performance.now();
  const start = measure();
  const uploadSeconds = (done - uploadStart) / 1000;
  const since = () => (performance.now() - done) / 1000;
  const changes = [];
  let playableSeconds = null;
  let last = '';
  for (;;) {
    const r = await session.get(`/api/recordings/${recording.id}`);
    const at = since();
    const state = `${r.status} ${r.media?.step}`;
    if (state !== last) {
      changes.push({ at, status: r.status, step: r.media?.step ?? null });
      last = state;
    }
    if (playableSeconds === null && r.media?.playable) playableSeconds = at;
    if (r.status === 'ready') break;
    if (r.status === 'failed') throw new Error(`recording ${source.name} failed: ${JSON.stringify(r)}`);
    if (at > 3600) throw new Error(`recording ${source.name} not ready after an hour: ${JSON.stringify(r)}`);
    await new Promise((r2) => setTimeout(r2, POLL_MS));
  }
  const readySeconds = since();
  const cpu = finish(start);
  const ffmpegRuns = serverFfmpegRuns(logOffset);
  log(`${source.name}: uploaded ${formatBytes(source.bytes)} in ${uploadSeconds.toFixed(1)}s; playable after ` +
    `${playableSeconds?.toFixed(2)}s, ready after ${readySeconds.toFixed(2)}s (${cpuText(cpu)}); ` +
    `steps ${changes.map((c) => `${c.step ?? c.status}@${c.at.toFixed(1)}`).join(' ')}`);
  return { recordingId: recording.id, uploadSeconds, playableSeconds, readySeconds, changes, ffmpegRuns, cpu };
}

/** The server's "ffmpeg took N ms" lines (FfmpegRun) written since `offset`: name and ms of each run. */
function serverFfmpegRuns(offset) {
  const text = readFileSync(serverLog).subarray(offset).toString('utf8');
  return [...text.matchAll(/FfmpegRun - ffmpeg took (\d+) ms in \S+: \[(.*)\]$/gm)]
    .map(([, ms, args]) => ({ name: runName(args.split(', ')), seconds: Number(ms) / 1000 }));
}

function runName(args) {
  if (args.includes('-filter_complex')) return 'encode';
  if (args.includes('-frames:v')) return 'poster';
  return 'remux';
}

/** The server's ffmpeg runs for this source, run bare by the bundled binary, one after another, in a fresh folder. */
async function bareRuns(ffmpeg, source) {
  const dir = join(work, `bare-${source.name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // The same name the server gives the source in its scratch folder; a hard link costs no copy.
  await link(source.file, join(dir, 'source')).catch(() => copyFile(source.file, join(dir, 'source')));
  const runs = [];
  for (const { name, args } of source.plan.runs) {
    const start = measure();
    const started = performance.now();
    const run = await runFfmpeg(ffmpeg, args, dir);
    const elapsed = (performance.now() - started) / 1000;
    if (run.code !== 0) throw new Error(`bare ffmpeg ${name} failed (exit ${run.code}):\n${run.stderr}`);
    const cpu = finish(start);
    runs.push({ name, seconds: elapsed, cpu });
    log(`${source.name}: bare ffmpeg ${name} ${elapsed.toFixed(2)}s (${cpuText(cpu)})`);
  }
  await rm(dir, { recursive: true, force: true });
  return runs;
}

function runFfmpeg(ffmpeg, args, cwd) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(ffmpeg.ffmpeg, args, {
      cwd,
      env: { ...process.env, LD_LIBRARY_PATH: ffmpeg.libraryPath },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr = (stderr + d.toString('utf8')).slice(-8000); });
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stderr }));
  });
}

/** FfmpegPlan.java run against the server jar: the bundled ffmpeg, and the server's ffmpeg argv for a source. */
function fromJava(args) {
  const run = spawnSync(javaBinary(), ['--enable-native-access=ALL-UNNAMED', '-cp', jarPath, join(here, 'FfmpegPlan.java'), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`FfmpegPlan.java ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

function report(results) {
  const total = (values) => values.reduce((a, b) => a + b, 0);
  const rows = results.map(({ source, pipeline, bare }) => {
    const bareSeconds = total(bare.map((r) => r.seconds));
    return {
      name: source.name,
      what: `${source.kind}: ${source.describe}`,
      bytes: source.bytes,
      durationSeconds: source.seconds,
      plan: { copy: source.plan.copy, renditions: source.plan.renditions },
      uploadSeconds: round(pipeline.uploadSeconds, 2),
      playableSeconds: round(pipeline.playableSeconds, 2),
      readySeconds: round(pipeline.readySeconds, 2),
      readyRealTime: round(source.seconds / pipeline.readySeconds, 2),
      bareSeconds: round(bareSeconds, 2),
      bareRuns: Object.fromEntries(bare.map((r) => [r.name, round(r.seconds, 2)])),
      serverFfmpegRuns: Object.fromEntries(pipeline.ffmpegRuns.map((r) => [r.name, round(r.seconds, 2)])),
      overhead: round(pipeline.readySeconds / bareSeconds, 3),
      steps: pipeline.changes.map((c) => ({ at: round(c.at, 2), status: c.status, step: c.step })),
      cpuSeconds: { server: round(pipeline.cpu.ours, 1), others: round(pipeline.cpu.others, 1) },
      bareCpuSeconds: { ffmpeg: round(total(bare.map((r) => r.cpu.ours)), 1), others: round(total(bare.map((r) => r.cpu.others)), 1) },
    };
  });
  const fast = rows.find((r) => r.name === 'fast');
  const ladder = rows.find((r) => r.name === 'ladder');
  const figures = {
    playableSecondsPerGiB: round(fast.playableSeconds / (fast.bytes / GIB), 2),
    copyRealTime: round(fast.durationSeconds / fast.playableSeconds, 1),
    serverCopyRealTime: round(fast.durationSeconds / fast.serverFfmpegRuns.remux, 1),
    bareCopyRealTime: round(fast.durationSeconds / fast.bareRuns.remux, 1),
    ladderRealTime: round(ladder.readyRealTime, 2),
    bareLadderRealTime: round(ladder.durationSeconds / ladder.bareRuns.encode, 2),
    overhead: ladder.overhead,
    fastPathOverhead: fast.overhead,
    // On a shared machine wall times swing with the neighbours' load; CPU seconds much less so.
    cpuOverhead: round(ladder.cpuSeconds.server / ladder.bareCpuSeconds.ffmpeg, 3),
    ladderCpuCeilingRealTime: round(CORES * ladder.durationSeconds / ladder.cpuSeconds.server, 2),
    bareLadderCpuCeilingRealTime: round(CORES * ladder.durationSeconds / ladder.bareCpuSeconds.ffmpeg, 2),
  };
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  const met = {
    playable: figures.playableSecondsPerGiB <= TARGETS.playableSecondsPerGiB,
    overhead: figures.overhead <= TARGETS.overhead,
    ladder: figures.ladderRealTime >= TARGETS.ladderRealTime,
    copy: figures.copyRealTime >= TARGETS.copyRealTime,
  };

  console.log('');
  console.log(`Media pipeline benchmark: ladder ${LADDER}, sources 1080p30 testsrc2 at ${BITRATE}b/s video, ` +
    `server -Xmx${HEAP}, load average ${loadText()}`);
  table([
    ['source', 'size', 'length', 'upload s', '→playable s', '→ready s', 'ready ×RT', 'bare ffmpeg s', 'pipeline/bare'],
    ...rows.map((r) => [r.what, formatBytes(r.bytes), `${r.durationSeconds.toFixed(1)} s`, r.uploadSeconds.toFixed(1),
      r.playableSeconds.toFixed(2), r.readySeconds.toFixed(2), r.readyRealTime.toFixed(2),
      `${r.bareSeconds.toFixed(2)} (${Object.entries(r.bareRuns).map(([n, s]) => `${n} ${s.toFixed(1)}`).join(' + ')})`,
      r.overhead.toFixed(3)]),
  ]);
  console.log('');
  table([
    ['target (DESIGN §7)', 'measured', 'target', 'verdict'],
    ['time to first playable, H.264/AAC', `${figures.playableSecondsPerGiB.toFixed(2)} s/GiB`, `≤ ${TARGETS.playableSecondsPerGiB} s/GiB`, verdict(met.playable)],
    ['transcode overhead (ladder source)', `${figures.overhead.toFixed(3)}×`, `≤ ${TARGETS.overhead}×`, verdict(met.overhead)],
    ['  the same in CPU seconds (pipeline / bare)', `${figures.cpuOverhead.toFixed(3)}×`, '', ''],
    [`transcode speed, ladder ${LADDER}`, `${figures.ladderRealTime.toFixed(2)}× RT (bare ${figures.bareLadderRealTime.toFixed(2)}×)`, `≥ ${TARGETS.ladderRealTime}× RT`, verdict(met.ladder)],
    [`  ladder speed if CPU-bound on ${CORES} idle cores`, `${figures.ladderCpuCeilingRealTime.toFixed(2)}× RT (bare ${figures.bareLadderCpuCeilingRealTime.toFixed(2)}×)`, '', ''],
    ['copy-remux fast path (upload → playable)', `${figures.copyRealTime.toFixed(1)}× RT (bare ${figures.bareCopyRealTime.toFixed(1)}×)`, `≥ ${TARGETS.copyRealTime}× RT`, verdict(met.copy)],
    ['  the server\'s remux run alone', `${figures.serverCopyRealTime.toFixed(1)}× RT`, `≥ ${TARGETS.copyRealTime}× RT`, verdict(figures.serverCopyRealTime >= TARGETS.copyRealTime)],
  ]);
  console.log('');
  console.log('Where the pipeline\'s time went (from upload complete; steps as polled every ' +
    `${POLL_MS} ms, ffmpeg times from the server log):`);
  for (const r of rows) {
    console.log(`  ${r.name}: ${profileText(r)}`);
    console.log(`  ${' '.repeat(r.name.length)}  CPU s: server+ffmpeg ${r.cpuSeconds.server}, other processes ${r.cpuSeconds.others}; ` +
      `bare: ffmpeg ${r.bareCpuSeconds.ffmpeg}, other processes ${r.bareCpuSeconds.others}`);
  }
  console.log(`(CPU-bound ceiling: ${CORES} × media seconds / CPU seconds used; server CPU includes its ffmpeg children and embedded S3)`);
  const result = { date: new Date().toISOString(), cores: CORES, ladder: LADDER, bitrate: BITRATE, heap: `-Xmx${HEAP}`, pollMs: POLL_MS,
    loadAverage: loadavg().map((x) => round(x, 2)), figures, targets: TARGETS, met, sources: rows };
  console.log(`RESULT ${JSON.stringify({ figures, met, loadAverage: result.loadAverage })}`);
  return writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`).then(() => log(`results written to ${RESULTS}`));
}

/** Each step's wall time (between the polled changes) and the server's ffmpeg time within it. */
function profileText(r) {
  const ends = [...r.steps.slice(1).map((s) => s.at), r.readySeconds];
  const ffmpegFor = { preparing: [], 'making playable': ['remux'], transcoding: ['encode'], 'making thumbnails': ['encode'], finishing: ['poster'] };
  return r.steps.map((s, i) => {
    const wall = ends[i] - s.at;
    const inFfmpeg = (ffmpegFor[s.step] ?? []).map((n) => r.serverFfmpegRuns[n] ?? 0).reduce((a, b) => a + b, 0);
    return `${s.step ?? s.status} ${wall.toFixed(2)}s${inFfmpeg ? ` (ffmpeg ${inFfmpeg.toFixed(2)}s)` : ''}`;
  }).join(', ');
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('   ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows.slice(1)) console.log(line(r));
}

/**
 * CPU seconds from here on: ours (the server JVM with the ffmpeg children it waited for, or this
 * process's children for bare runs) and everyone else's on the machine (/proc/stat minus ours).
 */
function measure() {
  return { machine: machineCpuSeconds(), server: serverCpuSeconds(), children: childrenCpuSeconds() };
}

function finish(start) {
  const machine = machineCpuSeconds() - start.machine;
  const ours = (serverCpuSeconds() - start.server) + (childrenCpuSeconds() - start.children);
  return { ours, others: Math.max(0, machine - ours) };
}

function machineCpuSeconds() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

/** utime + stime + cutime + cstime: the JVM and the ffmpeg processes it has reaped. */
function serverCpuSeconds() {
  return procCpuSeconds(server.pid);
}

/** cutime + cstime of this process: the bare ffmpeg runs it has reaped. */
function childrenCpuSeconds() {
  const f = procStatFields('self');
  return (f[13] + f[14]) / CLOCK_TICKS;
}

function procCpuSeconds(pid) {
  const f = procStatFields(pid);
  return (f[11] + f[12] + f[13] + f[14]) / CLOCK_TICKS;
}

function procStatFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
}

function cpuText(cpu) {
  return `CPU s: ours ${cpu.ours.toFixed(1)}, other processes ${cpu.others.toFixed(1)}`;
}

function doubled(rate) {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(rate);
  if (!match) throw new Error(`LESSONLOOP_BENCH_MEDIA_BITRATE='${rate}' is not a bitrate like 20M or 8000k`);
  return `${Number(match[1]) * 2}${match[2]}`;
}

function syncDisks() {
  spawnSync('sync');
}

function loadText() {
  return loadavg().map((x) => x.toFixed(2)).join(' ');
}

function round(x, digits) {
  return x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits));
}

function seconds(startMs) {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}

function log(message) {
  console.log(`[bench] ${message}`);
}
