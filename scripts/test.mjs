#!/usr/bin/env node
// Node 20's test runner has no glob support, so we list the test files ourselves.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['src', 'test'];
const only = process.argv.slice(2);
function walk(dir, out) {
  let names;
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.test\.ts$/.test(name)) out.push(path);
  }
  return out;
}
let files = roots.flatMap((r) => walk(r, [])).sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
if (!files.length) { console.error('no test files found'); process.exit(1); }
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
