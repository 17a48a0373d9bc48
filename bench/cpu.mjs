// CPU seconds from /proc, shared by the benchmarks that load the server with wrk.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Fields after the command name of a /proc stat file (the name may hold spaces). */
function statFields(path) {
  return readFileSync(path, 'utf8').split(') ')[1].split(' ');
}

/** User + system CPU seconds of a process (or of one thread: /proc/<pid>/task/<tid>). */
export function cpuSecondsOf(pid, tid) {
  const fields = statFields(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of this process's finished children (wrk): cutime + cstime. */
export function childCpuSeconds() {
  const fields = statFields('/proc/self/stat');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}
