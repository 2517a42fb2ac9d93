// Worker threads do not inherit a TypeScript loader registered through tsx's API (and
// `--import tsx` in execArgv does not take in workers on Node 20), so the worker registers it.
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./worker.ts');
export default run;
