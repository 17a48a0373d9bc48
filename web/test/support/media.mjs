// Test media made with the server's own bundled ffmpeg (the machine may have no other).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

/** The server logs where it unpacked its bundled ffmpeg; tests make their media with the same binary. */
export function bundledFfmpeg(logFile) {
  const match = /Using ffmpeg at (\S+) with/.exec(readFileSync(logFile, 'utf8'));
  if (!match) throw new Error('the server did not log its ffmpeg');
  return match[1];
}

/** A phone-style lesson: H.264 720p30 with an AAC tone, `seconds` long, index at the front. */
export async function makePhoneRecording(ffmpeg, file, seconds) {
  await promisify(execFile)(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=f=440:d=${seconds}:sample_rate=48000`,
    '-c:v', 'libopenh264', '-b:v', '2M', '-g', '60', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file,
  ], { env: { ...process.env, LD_LIBRARY_PATH: dirname(ffmpeg) } });
}
