// A pool thread through tsx, when no bundle could be made (./bundle.ts). Worker threads do not
// inherit a TypeScript loader registered through tsx's API (and `--import tsx` in execArgv does
// not take in workers on Node 20), so the worker registers it.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
