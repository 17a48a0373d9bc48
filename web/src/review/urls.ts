// Addresses the browser itself loads (media, downloads, links) rather than `api` calls, built from
// the OpenAPI paths so that a renamed route breaks the build here too.
import type { paths } from '../api/schema';

type Readable = { [P in keyof paths]: paths[P] extends { get: unknown } ? P : never }[keyof paths];

/** `/api/recordings/{recordingId}/comments.csv` with its parameters filled in (each path segment encoded). */
export function apiUrl(path: Readable, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => params[name].split('/').map(encodeURIComponent).join('/'));
}

export function mediaUrl(recordingId: string, file: string): string {
  return apiUrl('/api/recordings/{recordingId}/media/{rest}', { recordingId, rest: file });
}

export function masterPlaylistUrl(recordingId: string): string {
  return apiUrl('/api/recordings/{recordingId}/media/master.m3u8', { recordingId });
}
