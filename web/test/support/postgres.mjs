// This machine's PostgreSQL (127.0.0.1:5432, user postgres), for the browser tests that need the
// database outside the server: to age rows, or to share it between two server nodes.
import { execFileSync } from 'node:child_process';

/** Runs `sql` with psql in database `db`; its unaligned output. */
export function psql(sql, db = 'postgres') {
  return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql],
    { encoding: 'utf8' });
}

/** Why a test on this machine's PostgreSQL cannot run here, or false. */
export function postgresReason() {
  try {
    psql('SELECT 1');
    return false;
  } catch {
    return 'no PostgreSQL on 127.0.0.1:5432';
  }
}

/** A new empty database `name`; the LESSONLOOP_DB_* settings that point a server at it. */
export function createDatabase(name) {
  psql(`CREATE DATABASE ${name}`);
  return { LESSONLOOP_DB_URL: `jdbc:postgresql://127.0.0.1:5432/${name}`, LESSONLOOP_DB_USER: 'postgres', LESSONLOOP_DB_PASSWORD: '' };
}

/** Drops database `name`, ending the connections still open to it. */
export function dropDatabase(name) {
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
