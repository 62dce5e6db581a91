// Worker bootstrap: registers tsx's ESM hooks in this thread (tsx's public API), then imports the TypeScript entry.
// (Passing --import tsx in the worker's execArgv does not apply the hooks to a raw worker_threads Worker on Node 20.)
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
