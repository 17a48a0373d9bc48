import { signal, type Signal } from '@preact/signals';
import type { Upload } from 'tus-js-client';
import { api, call, messageOf, OfflineError, ApiError } from '../api/client';
import { refreshRecordings } from '../library/liveRecordings';
import { me } from '../session/session';
import { setLocalUpload } from './progress';
import { fingerprintOf, forgetRecording, recordingFor, rememberRecording } from './resumeStore';
import { sendFile, type UploadFailure } from './tusUpload';
import { detailsFromFile, refusalOf, type Details } from './videoFiles';

/**
 * draft: asking for the details · checking: looking for an earlier upload of the same file ·
 * queued: waiting for the upload before it (one at a time: bad Wi-Fi shares badly) ·
 * starting, uploading, reconnecting (tus retries by itself) · paused · waiting: for the
 * connection or a new sign-in · failed: refused, with the server's words · done: all bytes stored.
 */
export type Phase = 'draft' | 'checking' | 'queued' | 'starting' | 'uploading' | 'reconnecting' | 'paused' | 'waiting' | 'failed' | 'done';

export type ItemState = {
  phase: Phase;
  details: Details;
  recordingId?: string;
  /** Continues an upload this browser began earlier (after a reload or a closed lid). */
  resumed: boolean;
  sent: number;
  total: number;
  /** Bytes a second over the last few seconds, once known. */
  speed?: number;
  secondsLeft?: number;
  message: string;
  waitingFor?: UploadFailure['kind'];
  confirmingCancel?: boolean;
};

export type QueueItem = { key: string; file: File; fingerprint: string; state: Signal<ItemState> };

export const queue = signal<QueueItem[]>([]);
/** Files refused before a byte was sent, with why. */
export const refusals = signal<{ key: string; message: string }[]>([]);
/** What a screen reader should hear next (added files, an upload done or stopped). */
export const announcement = signal('');

const ACTIVE: Phase[] = ['starting', 'uploading', 'reconnecting'];
const SPEED_WINDOW_MS = 8000;
const PAINT_EVERY_MS = 250;
const RETRY_WAITING_MS = 30_000;

type Running = { upload?: Upload; samples: { at: number; bytes: number }[]; paintedAt: number };
const running = new Map<string, Running>();
let nextKey = 1;

export async function addFiles(files: File[]) {
  const userId = me.value?.id;
  if (!userId) return;
  const maxBytes = await maxUploadBytes();
  const added: string[] = [];
  for (const file of files) {
    const refusal = refusalOf(file, maxBytes);
    if (refusal) {
      refusals.value = [...refusals.value, { key: `r${nextKey++}`, message: refusal }];
      announce(refusal);
      continue;
    }
    const fingerprint = fingerprintOf(userId, file);
    if (queue.value.some((i) => i.fingerprint === fingerprint && i.state.value.phase !== 'done')) {
      announce(`“${file.name}” is already in the list.`);
      continue;
    }
    const item: QueueItem = {
      key: `u${nextKey++}`,
      file,
      fingerprint,
      state: signal({ phase: 'draft', details: detailsFromFile(file, rememberedDefaults(userId)), resumed: false, sent: 0, total: file.size, message: '' }),
    };
    queue.value = [...queue.value, item];
    added.push(file.name);
    void continueEarlier(item);
  }
  if (added.length) {
    announce(added.length === 1 ? `${added[0]} added. Check its details, then press Upload.`
      : `${added.length} files added. Check their details, then press Upload.`);
  }
}

/** The same file picked again: continue its recording from what the server holds. */
async function continueEarlier(item: QueueItem) {
  const recordingId = recordingFor(item.fingerprint);
  if (!recordingId) return;
  update(item, { phase: 'checking' });
  try {
    const r = await call(api.GET('/api/recordings/{recordingId}', { params: { path: { recordingId } } }));
    if (r.status !== 'awaiting_upload' && r.status !== 'uploading') {
      forgetRecording(item.fingerprint);
      update(item, { phase: 'draft' });
      return;
    }
    update(item, {
      recordingId,
      resumed: true,
      details: { title: r.title ?? '', lessonDate: r.lessonDate ?? '', subject: r.subject ?? '', grade: r.grade ?? '' },
      sent: r.upload?.offset ?? 0,
      phase: 'queued',
    });
  } catch (error) {
    if (error instanceof OfflineError) {
      update(item, { recordingId, resumed: true, phase: 'queued' });
    } else {
      if (error instanceof ApiError && error.status === 404) forgetRecording(item.fingerprint);
      update(item, { phase: 'draft' });
      return;
    }
  }
  pump();
}

export function updateDetails(item: QueueItem, details: Partial<Details>) {
  update(item, { details: { ...item.state.value.details, ...details }, message: '' });
}

/** Queues the upload; false (with a message on the item) when its details are not complete. */
export function start(item: QueueItem): boolean {
  if (!item.state.value.details.title.trim()) {
    update(item, { message: 'Give the lesson a title.' });
    return false;
  }
  update(item, { phase: 'queued', message: '' });
  pump();
  return true;
}

export function startAll() {
  for (const item of queue.value) if (item.state.value.phase === 'draft') start(item);
}

export function pause(item: QueueItem) {
  update(item, { phase: 'paused', speed: undefined, secondsLeft: undefined, message: '' });
  void running.get(item.key)?.upload?.abort();
  publish(item);
  pump();
}

/** Continues from the server's offset: a fresh tus upload finds the stored URL and asks it (HEAD). */
export function resume(item: QueueItem) {
  update(item, { phase: 'queued', message: '', waitingFor: undefined });
  pump();
}

export function askToCancel(item: QueueItem, asking: boolean) {
  update(item, { confirmingCancel: asking });
}

/** Stops the upload and deletes the recording it was for, stored bytes included. */
export async function cancel(item: QueueItem) {
  const { recordingId } = item.state.value;
  update(item, { phase: 'paused', confirmingCancel: false });
  const handle = running.get(item.key);
  running.delete(item.key);
  await handle?.upload?.abort(true).catch(() => undefined);
  if (recordingId) {
    try {
      await call(api.DELETE('/api/recordings/{recordingId}', { params: { path: { recordingId } } }));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        update(item, { message: `The lesson could not be deleted: ${messageOf(error)}` });
        return;
      }
    }
    forgetRecording(item.fingerprint);
    setLocalUpload(recordingId, undefined);
    void refreshRecordings();
  }
  remove(item);
  announce(`The upload of “${item.state.value.details.title}” was cancelled.`);
  pump();
}

export function remove(item: QueueItem) {
  queue.value = queue.value.filter((i) => i !== item);
}

export function dismissRefusal(key: string) {
  refusals.value = refusals.value.filter((r) => r.key !== key);
}

/** Starts the next queued upload when none is running. */
function pump() {
  const items = queue.value;
  if (items.some((i) => ACTIVE.includes(i.state.value.phase))) return;
  const next = items.find((i) => i.state.value.phase === 'queued');
  if (next) void run(next);
}

async function run(item: QueueItem) {
  update(item, { phase: 'starting', message: '', waitingFor: undefined });
  try {
    let { recordingId } = item.state.value;
    if (!recordingId) {
      const d = item.state.value.details;
      const created = await call(api.POST('/api/recordings', {
        body: { title: d.title.trim(), lessonDate: d.lessonDate || null, subject: d.subject.trim() || null, grade: d.grade.trim() || null },
      }));
      recordingId = created.id!;
      rememberRecording(item.fingerprint, recordingId);
      rememberDefaults(d);
      update(item, { recordingId });
      void refreshRecordings();
    }
    if (isPaused(item)) return; // paused while the recording was being made
    void running.get(item.key)?.upload?.abort();
    const handle: Running = { samples: [], paintedAt: 0 };
    running.set(item.key, handle);
    update(item, { phase: 'uploading' });
    handle.upload = await sendFile(item.file, recordingId, item.fingerprint, {
      onProgress: (sent, total) => progressed(item, handle, sent, total),
      onRetrying: () => update(item, { phase: 'reconnecting', speed: undefined, secondsLeft: undefined, message: 'The connection dropped. Trying again…' }),
      onSuccess: () => finished(item),
      onFailure: (failure) => stopped(item, failure),
    });
    if (isPaused(item)) void handle.upload.abort();
  } catch (error) {
    stopped(item, error instanceof OfflineError ? { kind: 'offline', message: error.message } : { kind: 'refused', message: messageOf(error) });
  }
}

/** Read afresh after each wait: the person may have pressed Pause meanwhile. */
function isPaused(item: QueueItem): boolean {
  return item.state.value.phase === 'paused';
}

function progressed(item: QueueItem, handle: Running, sent: number, total: number) {
  const now = performance.now();
  handle.samples.push({ at: now, bytes: sent });
  while (handle.samples.length > 2 && now - handle.samples[0].at > SPEED_WINDOW_MS) handle.samples.shift();
  if (now - handle.paintedAt < PAINT_EVERY_MS && sent < total) return;
  handle.paintedAt = now;
  const first = handle.samples[0];
  const seconds = (now - first.at) / 1000;
  const speed = seconds >= 1 && sent > first.bytes ? (sent - first.bytes) / seconds : undefined;
  update(item, {
    phase: item.state.value.phase === 'paused' ? 'paused' : 'uploading',
    message: '',
    sent,
    total,
    speed,
    secondsLeft: speed ? (total - sent) / speed : undefined,
  });
  publish(item);
}

function finished(item: QueueItem) {
  const { recordingId, total, details } = item.state.value;
  running.delete(item.key);
  forgetRecording(item.fingerprint);
  if (recordingId) setLocalUpload(recordingId, undefined);
  update(item, { phase: 'done', sent: total, speed: undefined, secondsLeft: undefined, message: '' });
  announce(`“${details.title}” is uploaded. Processing has started.`);
  void refreshRecordings();
  pump();
}

function stopped(item: QueueItem, failure: UploadFailure) {
  if (item.state.value.phase === 'paused') return; // the abort of a pause
  const phase: Phase = failure.kind === 'refused' ? 'failed' : 'waiting';
  update(item, { phase, message: failure.message, waitingFor: failure.kind, speed: undefined, secondsLeft: undefined });
  publish(item);
  announce(failure.message);
  // Asking who is signed in lets the app's 401 handling take the person to sign in and back.
  if (failure.kind === 'session') void call(api.GET('/api/me')).catch(() => undefined);
  if (failure.kind === 'refused') pump();
}

/** Lets the library show this tab's upload as it moves. */
function publish(item: QueueItem) {
  const { recordingId, sent, total, phase } = item.state.value;
  if (recordingId) setLocalUpload(recordingId, { sent, total, paused: phase === 'paused' || phase === 'waiting' });
}

function update(item: QueueItem, patch: Partial<ItemState>) {
  item.state.value = { ...item.state.value, ...patch };
}

function announce(message: string) {
  announcement.value = message;
}

// Back online, or the server back after a restart: uploads that waited for it continue.
function continueWaiting() {
  for (const item of queue.value) {
    if (item.state.value.phase === 'waiting' && item.state.value.waitingFor === 'offline') resume(item);
  }
}
window.addEventListener('online', continueWaiting);
setInterval(() => navigator.onLine !== false && continueWaiting(), RETRY_WAITING_MS);

// Closing the tab mid-upload asks first (the upload could continue later, but only from this browser).
window.addEventListener('beforeunload', (event) => {
  if (queue.value.some((i) => [...ACTIVE, 'queued'].includes(i.state.value.phase))) event.preventDefault();
});

let maxBytes: Promise<number | undefined> | undefined;

/** The server's largest accepted file (tus OPTIONS, Tus-Max-Size), asked once. */
function maxUploadBytes(): Promise<number | undefined> {
  maxBytes ??= api.OPTIONS('/api/uploads').then(
    ({ response }) => Number(response.headers.get('Tus-Max-Size')) || undefined,
    () => {
      maxBytes = undefined; // ask again next time; the server checks anyway
      return undefined;
    },
  );
  return maxBytes;
}

const DEFAULTS_KEY = 'lessonloop.upload.defaults.';

/** The subject and grade a teacher gave last time: most of their lessons share them. */
function rememberedDefaults(userId: string): { subject: string; grade: string } {
  try {
    const saved = JSON.parse(localStorage.getItem(DEFAULTS_KEY + userId) ?? '{}');
    return { subject: String(saved.subject ?? ''), grade: String(saved.grade ?? '') };
  } catch {
    return { subject: '', grade: '' };
  }
}

function rememberDefaults(details: Details) {
  const userId = me.value?.id;
  if (!userId) return;
  try {
    localStorage.setItem(DEFAULTS_KEY + userId, JSON.stringify({ subject: details.subject.trim(), grade: details.grade.trim() }));
  } catch {
    // not kept; the next upload asks again
  }
}
