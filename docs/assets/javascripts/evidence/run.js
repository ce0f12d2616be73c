// One measuring run of a picked export, as the evidence view asks for it: {file, options, threshold}
// in, {type: header|mapping|progress|done|error, …} messages out. The worker (evidence/worker.js) runs
// it in the background; where a page cannot start a worker (the offline package, opened from disk)
// the view runs it in the page itself through inPageReader(), with the same messages and Cancel.
// The file's bytes and rows never leave the run; only column names, progress and counts do.

import { measureBlob } from './export-file.js';
import { EvidenceError } from './measure.js';

const PROGRESS_EVERY_MS = 100;

export async function run({ file, options, threshold }, post, stopped = () => false) {
  let last = 0;
  try {
    const result = await measureBlob(file, options, threshold, {
      stopped,
      onHeader: (header) => post({ type: 'header', header: header.map((h) => String(h).slice(0, 200)) }),
      onMapping: (preset, mapping) => post({ type: 'mapping', preset, mapping }),
      onProgress(done, total) {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        post({ type: 'progress', done, total });
      },
    });
    if (!stopped()) post({ type: 'done', result });
  } catch (error) {
    if (stopped()) return; // cancelled: nobody is listening
    // A refusal says where and what; anything else is a fault of this reader, said as such.
    const message = error instanceof EvidenceError ? error.message : `(file): cannot be read (${error?.name}: ${String(error?.message).slice(0, 200)})`;
    post({ type: 'error', message });
  }
}

/**
 * A stand-in for the worker, with its interface (postMessage, onmessage, terminate), that measures
 * in the page: the file is read slice by slice, so the page still repaints and takes a click on
 * Cancel between slices.
 */
export function inPageReader() {
  let cancelled = false;
  const reader = {
    onmessage: null,
    onerror: null,
    postMessage(data) {
      run(data, (message) => reader.onmessage?.({ data: message }), () => cancelled);
    },
    terminate() {
      cancelled = true;
    },
  };
  return reader;
}
