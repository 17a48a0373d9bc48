/**
 * Which recording a file's upload belongs to, in this browser (localStorage), from the moment the
 * recording is created: picking the same file again after a reload or a closed lid continues that
 * recording instead of making a second one. tus-js-client keeps the upload URL itself
 * (storeFingerprintForResuming) under the same fingerprint.
 */
const KEY = 'lessonloop.upload.recordings';
/** The server drops an unfinished upload a week after its last byte (LESSONLOOP_UPLOAD_EXPIRY_HOURS). */
const KEEP_MS = 8 * 24 * 3600 * 1000;

type Entry = { recordingId: string; savedAt: number };

/** One fingerprint per person and file, so two teachers sharing a laptop never continue each other's upload. */
export function fingerprintOf(userId: string, file: File): string {
  return ['lessonloop', userId, file.name, file.type, file.size, file.lastModified].join('/');
}

export function recordingFor(fingerprint: string): string | undefined {
  return read()[fingerprint]?.recordingId;
}

export function rememberRecording(fingerprint: string, recordingId: string) {
  write({ ...read(), [fingerprint]: { recordingId, savedAt: Date.now() } });
}

export function forgetRecording(fingerprint: string) {
  const entries = read();
  delete entries[fingerprint];
  write(entries);
}

function read(): Record<string, Entry> {
  try {
    const entries = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, Entry>;
    const fresh = Date.now() - KEEP_MS;
    return Object.fromEntries(Object.entries(entries).filter(([, e]) => e && typeof e.recordingId === 'string' && e.savedAt > fresh));
  } catch {
    return {};
  }
}

function write(entries: Record<string, Entry>) {
  try {
    localStorage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Private mode or a full store: uploads still work, they just cannot resume after a reload.
  }
}
