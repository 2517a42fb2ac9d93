// A pool thread (./pool.ts). Worker threads do not inherit a TypeScript loader registered through
// tsx's API (and `--import tsx` in execArgv does not take in workers on Node 20), so the worker
// registers it. It says `ready` once everything is loaded, then answers each task in order.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./worker.ts');
parentPort.on('message', (task) => parentPort.postMessage(runTask(task)));
parentPort.postMessage('ready');
