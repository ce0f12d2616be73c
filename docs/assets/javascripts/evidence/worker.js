// The evidence view's worker: reads the File the SP picked, chunk by chunk, into the aggregate
// (evidence/run.js). The file's bytes and rows never leave this worker and nothing of them is kept:
// only the columns' names (for the mapping form), progress, and the aggregate (counts) are posted
// back. Cancel terminates the worker (evidence/view.js). No request is made: the File is local.

import { run } from './run.js';

self.onmessage = ({ data }) => run(data, (message) => self.postMessage(message));
