// The frame every benchmark runs in, so each bench.mjs holds only what it measures.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { killLeftoverPostgres, tailOf } from '../web/test/support/server.mjs';

/**
 * A benchmark's work directory (LESSONLOOP_BENCH_WORK_DIR, else a fresh temporary one) with the
 * server's data directory and log in it. `run(main, stop, logs)` runs `main`; when it fails it prints
 * the tail of the server log and of each of `logs` ([label, path] pairs) and sets exit code 1. On the
 * way out, Ctrl-C included, it calls `stop` (the bench's servers and children), kills an embedded
 * PostgreSQL left behind, and removes the work directory unless it was given or LESSONLOOP_BENCH_KEEP=1.
 */
export async function workspace(name) {
  const given = process.env.LESSONLOOP_BENCH_WORK_DIR;
  const work = given
    ? (await mkdir(given, { recursive: true }), given)
    : await mkdtemp(join(tmpdir(), `lessonloop-${name}-bench-`));
  const dataDir = join(work, 'server-data');
  const serverLog = join(work, 'server.log');

  async function run(main, stop, logs = []) {
    let ended;
    const end = () => (ended ??= (async () => {
      await stop().catch((err) => console.error(`stopping: ${err.message ?? err}`));
      await killLeftoverPostgres(dataDir);
      if (process.env.LESSONLOOP_BENCH_KEEP === '1' || given) console.log(`kept ${work}`);
      else await rm(work, { recursive: true, force: true });
    })());
    process.on('SIGINT', () => end().finally(() => process.exit(130)));
    try {
      await main();
    } catch (err) {
      console.error(`\nbench failed: ${err.stack ?? err}`);
      for (const [label, path] of [['server', serverLog], ...logs]) {
        if (existsSync(path)) console.error(`\n--- ${label} log (last lines) ---\n${tailOf(path, 40)}`);
      }
      process.exitCode = 1;
    } finally {
      await end();
    }
  }

  return { work, dataDir, serverLog, run };
}
