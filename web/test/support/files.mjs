// Deterministic pseudo-random test files, written in chunks (never whole in memory), and hashing.
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;

/**
 * Writes `size` bytes of an AES-128-CTR keystream keyed by `seed` to `path` (same seed, same
 * bytes; incompressible; several hundred MB/s) and returns the file's SHA-256 as hex.
 */
export async function writePseudoRandomFile(path, size, seed = 'lessonloop') {
  const key = createHash('sha256').update(`key:${seed}`).digest().subarray(0, 16);
  const iv = createHash('sha256').update(`iv:${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, iv);
  const hash = createHash('sha256');
  const zeros = Buffer.alloc(CHUNK);
  const file = await open(path, 'w');
  try {
    let written = 0;
    while (written < size) {
      const n = Math.min(CHUNK, size - written);
      const block = cipher.update(n === CHUNK ? zeros : zeros.subarray(0, n));
      hash.update(block);
      await file.write(block);
      written += n;
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

export async function sha256OfFile(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) hash.update(chunk);
  return hash.digest('hex');
}

export function formatBytes(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes} B`;
}

/**
 * The uploaded object as the embedded S3 server stores it on disk:
 * <dataDir>/objects/lessonloop/recordings/<recordingId>/source. Returns the path, or throws
 * naming what is under <dataDir>/objects for that recording so a changed layout is obvious.
 */
export async function storedObjectPath(dataDir, recordingId) {
  const { stat, readdir } = await import('node:fs/promises');
  const { join, relative } = await import('node:path');
  const expected = join(dataDir, 'objects', 'lessonloop', 'recordings', recordingId, 'source');
  try {
    if ((await stat(expected)).isFile()) return expected;
  } catch {
    // fall through and describe what is there
  }
  const root = join(dataDir, 'objects');
  const matches = [];
  const walk = async (dir, depth) => {
    let entries = [];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (path.includes(recordingId) && entry.isFile()) matches.push(relative(root, path));
      if (entry.isDirectory() && depth < 8) await walk(path, depth + 1);
    }
  };
  await walk(root, 0);
  throw new Error(`object not found at ${expected}; files under ${root} for this recording: ` +
    (matches.length ? matches.join(', ') : 'none'));
}
