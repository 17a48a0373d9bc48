// A server JVM's heap, sampled by the benches that measure memory.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';

import { javaBinary } from '../web/test/support/server.mjs';

/**
 * Heap in use (survivors + eden + old) and its capacity, in KiB, handed to `onSample` once a second
 * by one long-lived `jstat -gc`, so sampling costs the cores almost nothing. `stop()` ends it;
 * `done` settles when jstat has gone.
 */
export function sampleHeap(pid, onSample) {
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
      onSample({
        usedKiB: value('S0U') + value('S1U') + value('EU') + value('OU'),
        capacityKiB: value('S0C') + value('S1C') + value('EC') + value('OC'),
      });
    }
  });
  return {
    done: new Promise((resolve) => jstat.on('close', resolve)),
    stop: () => jstat.kill('SIGTERM'),
  };
}
