#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx tinline` works straight after `npm install`
// with no build step that could go stale or fail the install.
import { register } from 'tsx/esm/api';
// A reader that stops early (`tinline show ID | head`) closes the pipe: stop quietly, as a Unix tool
// does on SIGPIPE, instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
