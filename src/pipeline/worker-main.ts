// The body of a pool thread (./pool.ts): says `ready` once every table is loaded, then answers
// each task in order. Run from a bundle (./bundle.ts) or through tsx (./worker-entry.mjs).
import { parentPort } from 'node:worker_threads';
import { runTask, type WorkerTask } from './worker.ts';

const port = parentPort!;
port.on('message', (task: WorkerTask) => port.postMessage(runTask(task)));
port.postMessage('ready');
