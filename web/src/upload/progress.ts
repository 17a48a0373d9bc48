import { signal } from '@preact/signals';

/** How far an upload running in this tab is, by recording id, so the library can show it too. */
export type LocalUpload = { sent: number; total: number; paused: boolean };

export const localUploads = signal<ReadonlyMap<string, LocalUpload>>(new Map());

export function setLocalUpload(recordingId: string, upload: LocalUpload | undefined) {
  const next = new Map(localUploads.value);
  if (upload) next.set(recordingId, upload);
  else next.delete(recordingId);
  localUploads.value = next;
}
