#!/usr/bin/env node
// Builds the page into web/dist with Vite's JS API. `--prepare` (npm's prepare hook) never fails
// the install: without Vite (a production install) it says so and leaves the API to work alone.
import { fileURLToPath } from 'node:url';

const prepare = process.argv.includes('--prepare');
const configFile = fileURLToPath(new URL('./vite.config.mjs', import.meta.url));

export async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildWeb();
    console.log('tinline: web page built into web/dist');
  } catch (e) {
    if (!prepare) throw e;
    console.warn(`tinline: the web page was not built (${e instanceof Error ? e.message.split('\n')[0] : e}); run \`npm run build:web\` later. The API works without it.`);
  }
}
