// Starts the Lessonloop server jar as a child process and waits for its readiness line.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const jarPath = process.env.LESSONLOOP_JAR ?? join(repoRoot, 'server', 'target', 'lessonloop.jar');

const TEMURIN = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java';
const READY_LINE = /Lessonloop listening on (http:\/\/[^\s]+):(\d+)/;

/** The java binary: LESSONLOOP_JAVA, else $JAVA_HOME/bin/java, else the machine's Temurin 25, else `java`. */
export function javaBinary() {
  if (process.env.LESSONLOOP_JAVA) return process.env.LESSONLOOP_JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  if (existsSync(TEMURIN)) return TEMURIN;
  return 'java';
}

/** Why the end-to-end tests cannot run here, or null when they can. */
export function missingJarReason() {
  if (existsSync(jarPath)) return null;
  return `server jar not found at ${jarPath}; build it first: ` +
    'JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q package -DskipTests (from the repository root)';
}

/**
 * Starts the server. The child gets its own process group so that cleanup can end whatever it
 * left in that group, while `kill()` ends the JVM alone, as a crash would. (The embedded
 * PostgreSQL runs in a session of its own: see killLeftoverPostgres.)
 */
/** A free loopback port, so a restarted server can come back on the port it had (as in production). */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer({ dataDir, port = 0, env = {}, jvmArgs = [], logFile, timeoutMs = 180_000 }) {
  const { child, exited, log, match } = await startJava({
    args: [...jvmArgs, '-jar', jarPath],
    env: { LESSONLOOP_HTTP_PORT: String(port), LESSONLOOP_DATA_DIR: dataDir, ...env },
    logFile,
    readyLine: READY_LINE,
    what: 'server',
    timeoutMs,
  });
  return {
    pid: child.pid,
    port: Number(match[2]),
    url: `http://127.0.0.1:${match[2]}`,
    loggedUrl: `${match[1]}:${match[2]}`,
    exited,
    /** SIGKILL to the JVM only: what a crash or the OOM killer does. */
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    stop: () => stopChild(child, exited, log),
  };
}

/**
 * The embedded S3 server the jar ships, as a process of its own (EmbeddedS3Main), so that several
 * server processes can share one object store, as they share an external MinIO in production.
 * Its bucket exists once it is ready.
 */
export async function startEmbeddedS3({ dir, logFile, accessKey = 'e2e-access-key', secretKey = 'e2e-secret-key-0123456789', jvmArgs = [], timeoutMs = 60_000 }) {
  const port = await freePort();
  const { child, exited, log, match } = await startJava({
    args: [...jvmArgs, '-cp', jarPath, 'org.lessonloop.storage.EmbeddedS3Main', dir, String(port), accessKey, secretKey],
    logFile,
    readyLine: /S3 ready on (http:\/\/\S+)/,
    what: 'embedded S3',
    timeoutMs,
  });
  return {
    pid: child.pid,
    endpoint: match[1],
    /** The LESSONLOOP_S3_* settings a server uses it with. */
    env: { LESSONLOOP_S3_ENDPOINT: match[1], LESSONLOOP_S3_ACCESS_KEY: accessKey, LESSONLOOP_S3_SECRET_KEY: secretKey },
    stop: () => stopChild(child, exited, log),
  };
}

/**
 * Starts a JVM from the repository root (what a developer's run from a checkout uses) in a process
 * group of its own, its output appended to `logFile`, and waits for `readyLine` on its stdout.
 */
async function startJava({ args, env = {}, logFile, readyLine, what, timeoutMs }) {
  const child = spawn(javaBinary(), args, {
    cwd: repoRoot,
    env: { ...inheritedEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`\n===== ${what} start ${new Date().toISOString()} (pid ${child.pid}) =====\n`);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
  });

  const ready = new Promise((resolveReady, rejectReady) => {
    let buffered = '';
    const timer = setTimeout(() => {
      rejectReady(new Error(`${what} did not log "${readyLine.source}" within ${timeoutMs / 1000}s; log: ${logFile}`));
    }, timeoutMs);
    child.stdout.on('data', (data) => {
      buffered += data.toString('utf8');
      const match = readyLine.exec(buffered);
      if (match) {
        clearTimeout(timer);
        buffered = '';
        resolveReady(match);
      } else if (buffered.length > 65_536) {
        buffered = buffered.slice(-1024);
      }
    });
    child.on('error', (err) => { clearTimeout(timer); rejectReady(err); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rejectReady(new Error(`${what} exited before it was ready (code ${code}, signal ${signal}); log: ${logFile}`));
    });
  });

  try {
    return { child, exited, log, match: await ready };
  } catch (err) {
    killGroup(child, 'SIGKILL');
    throw new Error(`${err.message}\n--- key log lines ---\n${keyLines(logFile)}\n--- last log lines ---\n${tailOf(logFile, 25)}`);
  }
}

/** SIGTERM to the JVM (it stops what it started), then SIGKILL to whatever is left in its group. */
async function stopChild(child, exited, log) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), 20_000); });
    if (await Promise.race([exited, timeout]) === 'timeout') killGroup(child, 'SIGKILL');
    clearTimeout(timer);
    await exited;
  }
  killGroup(child, 'SIGKILL');
  log.end();
}

/**
 * The caller's environment without LESSONLOOP_* variables: the server refuses names it does not
 * know (LESSONLOOP_E2E_BYTES, LESSONLOOP_BENCH_*), and a test decides the server's settings.
 */
function inheritedEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LESSONLOOP_')));
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * An embedded PostgreSQL left behind by a killed JVM keeps running (pg_ctl starts it in its own
 * session, so it is not in the JVM's process group). It is ended by the pid it wrote into
 * postmaster.pid under our temp data dir: SIGQUIT (immediate shutdown: it ends its backends and
 * removes its pid file), SIGKILL if it is still there after 10 s.
 */
export async function killLeftoverPostgres(dataDir) {
  for (const file of await findFiles(dataDir, 'postmaster.pid', 3)) {
    let pid;
    try {
      pid = Number((await readFile(file, 'utf8')).split('\n')[0]);
    } catch {
      continue;
    }
    if (!(pid > 1) || !signal(pid, 'SIGQUIT')) continue;
    const deadline = Date.now() + 10_000;
    while (signal(pid, 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    signal(pid, 'SIGKILL');
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

async function findFiles(dir, name, depth) {
  const found = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name === name) found.push(path);
    else if (entry.isDirectory() && depth > 0 && entry.name !== 'objects') found.push(...await findFiles(path, name, depth - 1));
  }
  return found;
}

/** The lines of the latest start that say what went wrong (PostgreSQL's FATAL/HINT, exceptions). */
function keyLines(file) {
  try {
    const latest = readFileSync(file, 'utf8').split(/===== [a-zA-Z0-9 ]+ start/).at(-1);
    return latest.split('\n')
      .filter((line) => /FATAL|HINT|ERROR|Exception|Caused by/.test(line))
      .slice(0, 20)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

export function tailOf(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** t.diagnostic one line at a time (a multi-line diagnostic comes out as one escaped line). */
export function diagnoseLines(t, header, text) {
  t.diagnostic(header);
  for (const line of text.split('\n')) t.diagnostic(`  ${line}`);
}
