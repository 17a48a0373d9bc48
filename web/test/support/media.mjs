// Lessons made for tests and benchmarks: a generated video (the server's own bundled ffmpeg, so
// no system ffmpeg is needed), uploaded with tus-js-client and processed by the server.
import { execFile } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import * as tus from 'tus-js-client';

/** The server logs where it unpacked its bundled ffmpeg; tests make their media with the same binary. */
export function bundledFfmpeg(logFile) {
  const match = /Using ffmpeg at (\S+) with/.exec(readFileSync(logFile, 'utf8'));
  if (!match) throw new Error('the server did not log its ffmpeg');
  return match[1];
}

/**
 * A phone-style H.264/AAC MP4: a moving test pattern and a tone, keyframes every 2 s. The third
 * argument is its length in seconds, or `{ seconds, size, bitrate }`.
 */
export async function makeLessonVideo(ffmpeg, file, options = {}) {
  const { seconds = 12, size = '1280x720', bitrate = '2M' } = typeof options === 'number' ? { seconds: options } : options;
  await promisify(execFile)(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=s=${size}:r=30:d=${seconds}`,
    '-f', 'lavfi', '-i', `sine=f=440:d=${seconds}:sample_rate=48000`,
    '-c:v', 'libopenh264', '-b:v', bitrate, '-g', '60', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file,
  ], { env: { ...process.env, LD_LIBRARY_PATH: dirname(ffmpeg) } });
}

/** Uploads a file (a path, or a Buffer) as the recording's source, as the browser would. */
export async function uploadSource(session, recordingId, source, filename = 'lesson.mp4') {
  await new Promise((resolve, reject) => {
    new tus.Upload(typeof source === 'string' ? createReadStream(source) : source, {
      endpoint: `${session.baseUrl}/api/uploads`,
      headers: session.authHeaders(),
      metadata: { recordingId, filename },
      onError: reject,
      onSuccess: resolve,
    }).start();
  });
}

/** The recording once processing made it `ready` (posters, thumbnails and peaks included). */
export async function readyRecording(session, id, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recording = await session.get(`/api/recordings/${id}`);
    if (recording.status === 'ready') return recording;
    if (recording.status === 'failed' || Date.now() > deadline) {
      throw new Error(`recording did not become ready: ${JSON.stringify(recording)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
