import { formatBytes, formatDate } from '../ui/format';

/** The containers the server's media pipeline opens (media/InputAllowList), by their usual extensions. */
const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'qt', '3gp', '3g2', 'mkv', 'webm', 'avi', 'ts', 'mts', 'm2ts'];
/** Types some systems give those files instead of video/*. */
const OTHER_VIDEO_TYPES = new Set(['application/octet-stream', 'application/mp4', 'application/x-matroska', 'model/vnd.mts']);
const ACCEPTED_WORDS = 'MP4, MOV, MKV, WebM, AVI or MPEG-TS';

/** For the file picker, so it offers videos first. */
export const ACCEPT = ['video/*', ...VIDEO_EXTENSIONS.map((e) => `.${e}`)].join(',');

export type Details = { title: string; lessonDate: string; subject: string; grade: string };

/** Why this file cannot be uploaded, before a byte is sent, or null when it can. */
export function refusalOf(file: File, maxBytes: number | undefined): string | null {
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  const videoType = file.type.startsWith('video/');
  if (!videoType && file.type !== '' && !OTHER_VIDEO_TYPES.has(file.type)) {
    return `“${file.name}” is not a video. Choose the lesson's video file (${ACCEPTED_WORDS}).`;
  }
  if (!VIDEO_EXTENSIONS.includes(extension)) {
    return videoType
      ? `“${file.name}” is a kind of video Lessonloop cannot process. Use ${ACCEPTED_WORDS}; most phones and cameras record MP4 or MOV.`
      : `“${file.name}” is not a video. Choose the lesson's video file (${ACCEPTED_WORDS}).`;
  }
  if (file.size === 0) return `“${file.name}” is empty (0 bytes). Choose the complete video file.`;
  if (maxBytes && file.size > maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; the largest file this server accepts is ${formatBytes(maxBytes)}. Shorten the video or record at a lower quality.`;
  }
  return null;
}

/**
 * Details guessed from the file: its name as the title (a camera's "VID_20261120_101500"
 * becomes "Lesson on 20 Nov 2026"), the date in its name or else the day it was last changed.
 */
export function detailsFromFile(file: File, remembered: { subject: string; grade: string }): Details {
  const base = file.name.replace(/\.[^.]*$/, '');
  const dated = /(20\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])/.exec(base);
  const lessonDate = dated ? `${dated[1]}-${dated[2]}-${dated[3]}` : localDate(file.lastModified);
  const words = base
    .replace(dated?.[0] ?? '\u0000', ' ')
    .replace(/[_.-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cameraName = /^(vid|img|mov|mvi|pxl|dsc|gopr|gp|clip|video|recording|screen recording)?[\s\d]*$/i.test(words);
  const title = cameraName ? `Lesson on ${formatDate(lessonDate)}` : words.charAt(0).toUpperCase() + words.slice(1);
  return { title: title.slice(0, 200), lessonDate, subject: remembered.subject, grade: remembered.grade };
}

function localDate(ms: number): string {
  const d = new Date(ms || Date.now());
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
