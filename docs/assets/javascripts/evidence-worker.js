// The evidence view's worker: reads the File the SP picked, chunk by chunk, into the aggregate.
// The file's bytes and rows never leave this worker and nothing of them is kept: only the
// columns' names (for the mapping form), progress, and the aggregate (counts) are posted back.
// Cancel terminates the worker (evidence-view.js). No request is made: the File is local.
// Message in: {file, options, threshold}. Out: {type: header|mapping|progress|done|error, …}.

import { measureBlob } from './evidence-file.js';
import { EvidenceError } from './evidence.js';

const PROGRESS_EVERY_MS = 100;

self.onmessage = async ({ data: { file, options, threshold } }) => {
  let last = 0;
  try {
    const result = await measureBlob(file, options, threshold, {
      onHeader: (header) => self.postMessage({ type: 'header', header: header.map((h) => String(h).slice(0, 200)) }),
      onMapping: (preset, mapping) => self.postMessage({ type: 'mapping', preset, mapping }),
      onProgress(done, total) {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        self.postMessage({ type: 'progress', done, total });
      },
    });
    self.postMessage({ type: 'done', result });
  } catch (error) {
    // A refusal says where and what; anything else is a fault of this reader, said as such.
    const message = error instanceof EvidenceError ? error.message : `(file): cannot be read (${error?.name}: ${String(error?.message).slice(0, 200)})`;
    self.postMessage({ type: 'error', message });
  }
};
