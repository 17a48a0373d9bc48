import { useEffect, useRef, useState } from 'preact/hooks';
import { recordings, watchRecordings } from '../library/liveRecordings';
import { subjectsOf } from '../library/filters';
import { addFiles, announcement, dismissRefusal, queue, refusals, startAll } from './queue';
import { UploadItem } from './UploadItem';
import { ACCEPT } from './videoFiles';
import '../library/library.css';
import './upload.css';

/** Drop or pick lesson videos, give each its details, and watch them upload and process. */
export default function UploadPage() {
  useEffect(() => watchRecordings(), []);
  useEffect(() => {
    // A file dropped beside the drop zone would otherwise open in the tab, and the page would be gone.
    const keep = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);
  const items = queue.value;
  const drafts = items.filter((i) => i.state.value.phase === 'draft').length;
  const subjects = subjectsOf(recordings.value ?? []);

  return (
    <section class="page upload" aria-labelledby="upload-title">
      <div class="page-head">
        <h1 id="upload-title">Upload lessons</h1>
        <a href="/recordings">Back to my lessons</a>
      </div>
      <DropZone />
      {refusals.value.length > 0 && (
        <ul class="refusals" aria-label="Files not added">
          {refusals.value.map((r) => (
            <li key={r.key} class="notice error">
              <span>{r.message}</span>
              <button type="button" class="button small subtle" onClick={() => dismiss(r.key)} aria-label={`Dismiss: ${r.message}`}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <>
          <div class="queue-head">
            <h2>Your uploads</h2>
            {drafts > 1 && <button type="button" class="button primary" onClick={startAll}>Upload all {drafts}</button>}
          </div>
          <ul class="queue" aria-label="Your uploads">
            {items.map((item) => <UploadItem key={item.key} item={item} />)}
          </ul>
        </>
      )}
      <datalist id="known-subjects">
        {subjects.map((s) => <option key={s} value={s} />)}
      </datalist>
      <p class="visually-hidden" role="status">{announcement.value}</p>
    </section>
  );
}

const PICKER_ID = 'video-file-picker';

/** The message goes; focus moves to the next one, or back to the picker, never to the page's top. */
function dismiss(key: string) {
  const left = refusals.value.filter((r) => r.key !== key);
  dismissRefusal(key);
  setTimeout(() => {
    const next = left.length ? document.querySelector<HTMLElement>('.refusals button') : document.getElementById(PICKER_ID);
    next?.focus();
  });
}

function DropZone() {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const depth = useRef(0);

  function take(files: FileList | null) {
    if (files?.length) void addFiles([...files]);
    // The same file can be chosen again (to continue its upload) only once the input is empty.
    if (input.current) input.current.value = '';
  }

  return (
    <div
      class={`dropzone${dragging ? ' dragging' : ''}`}
      onDragEnter={(e) => { e.preventDefault(); depth.current++; setDragging(true); }}
      onDragOver={(e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; }}
      onDragLeave={() => { depth.current = Math.max(0, depth.current - 1); if (depth.current === 0) setDragging(false); }}
      onDrop={(e) => { e.preventDefault(); depth.current = 0; setDragging(false); take(e.dataTransfer?.files ?? null); }}
    >
      <p class="dropzone-lead">Drag lesson videos here</p>
      <p class="dropzone-or">or</p>
      <label class="button primary file-picker">
        Choose video files
        <input ref={input} id={PICKER_ID} type="file" multiple accept={ACCEPT} class="visually-hidden" onChange={(e) => take(e.currentTarget.files)} />
      </label>
      <p class="dropzone-hint">
        MP4, MOV, MKV, WebM, AVI or MPEG-TS, straight from your phone or camera. If the connection drops or you close
        the laptop, choose the same file again and the upload continues where it stopped.
      </p>
    </div>
  );
}
