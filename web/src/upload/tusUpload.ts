import * as tus from 'tus-js-client';
import { csrfHeaders } from '../api/client';

/** One PATCH per 8 MiB: the server's S3 part size, and little to send again after a dropped connection. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * Waits before each retry of a failed request: about 2.5 minutes in all, enough to ride out a
 * server restart or a Wi-Fi hand-over without the teacher doing anything.
 */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 15_000, 20_000, 30_000, 30_000, 30_000];

/** Why an upload stopped, sorted by what the person can do about it. */
export type UploadFailure = { kind: 'offline' | 'session' | 'refused'; message: string };

export type UploadEvents = {
  onProgress(sent: number, total: number): void;
  /** A request failed and tus will try again by itself. */
  onRetrying(): void;
  onSuccess(): void;
  onFailure(failure: UploadFailure): void;
};

/**
 * Sends the file to /api/uploads (tus 1.0) for the recording, continuing from the server's
 * offset when this browser has sent part of it before (findPreviousUploads, same fingerprint and
 * recording). Returns the running upload: abort() pauses it, start() continues it.
 */
export async function sendFile(file: File, recordingId: string, fingerprint: string, events: UploadEvents): Promise<tus.Upload> {
  const upload = new tus.Upload(file, {
    endpoint: new URL('/api/uploads', window.location.origin).href,
    metadata: { recordingId, filename: file.name },
    chunkSize: CHUNK_BYTES,
    retryDelays: RETRY_DELAYS,
    fingerprint: async () => fingerprint,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    // The token is read per request: signing in again (after a session ended) gives a new one.
    onBeforeRequest: (request) => {
      for (const [name, value] of Object.entries(csrfHeaders())) request.setHeader(name, value);
    },
    onShouldRetry: (error) => {
      const status = error.originalResponse?.getStatus() ?? 0;
      const retry = (status === 0 || status >= 500 || status === 409 || status === 423) && navigator.onLine !== false;
      if (retry) events.onRetrying();
      return retry;
    },
    onProgress: (sent, total) => events.onProgress(sent, total),
    onSuccess: () => events.onSuccess(),
    onError: (error) => events.onFailure(failureOf(error)),
  });
  const previous = (await upload.findPreviousUploads())
    .filter((p) => p.metadata?.recordingId === recordingId)
    .sort((a, b) => b.creationTime.localeCompare(a.creationTime));
  if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
  upload.start();
  return upload;
}

function failureOf(error: Error | tus.DetailedError): UploadFailure {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  const status = response?.getStatus() ?? 0;
  if (status === 0) {
    return { kind: 'offline', message: 'No connection to the server. The upload continues by itself when the connection is back.' };
  }
  if (status === 401) {
    return { kind: 'session', message: 'Your session ended. Sign in again, then press Resume: the upload continues where it stopped.' };
  }
  const detail = problemDetail(response?.getBody());
  if (status === 413) {
    return { kind: 'refused', message: detail ?? 'The file is too large for this server.' };
  }
  if (status >= 500) {
    return { kind: 'offline', message: 'The server is not answering. The upload continues by itself when it is back.' };
  }
  return { kind: 'refused', message: detail ?? `The server refused the upload (status ${status}).` };
}

/** The person-readable words of an RFC 9457 problem body, if it is one. */
function problemDetail(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const problem = JSON.parse(body) as { detail?: string; title?: string };
    return problem.detail || problem.title;
  } catch {
    return undefined;
  }
}
