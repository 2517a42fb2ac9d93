// A pool thread's code as one plain-JavaScript file. Through tsx, a thread spends ~1 s of CPU
// resolving and compiling each module (on its own loader thread) before it can start; the same
// code bundled by esbuild (which tsx itself runs on) loads in about half that. The bundle is
// written under node_modules/.cache named by its content hash, beside a list of the sources it
// was built from and their hashes: while those are unchanged it is used as it is (a few ms of
// reading and hashing), otherwise rebuilt (tens of ms, plus starting esbuild's own process). It
// is only used if everything worked: any failure means the tsx entry instead.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
const ROOT = resolve(dirname(ENTRY), '../..');
// Packages stay outside the bundle; from here they resolve as they do from the sources.
const CACHE = join(ROOT, 'node_modules', '.cache', 'tinline');

const MANIFEST = join(CACHE, 'worker-sources.json');
// This file decides how the bundle is made: a change here is a change of every bundle.
const SELF = fileURLToPath(import.meta.url);

let built: Promise<URL | null> | null = null;

/** The bundled thread entry, or null (use ./worker-entry.mjs). Built once per process. */
export function bundledWorker(): Promise<URL | null> {
  built ??= Promise.resolve().then(() => current() ?? build()).catch(() => null);
  return built;
}

/** What the last build wrote: its file and each source (relative to ROOT) with its hash. */
interface Manifest {
  bundle: string;
  sources: Record<string, string>;
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
}

/** The bundle already built from exactly the sources there are now, or null. */
function current(): URL | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const file = join(CACHE, manifest.bundle);
    if (!/^worker-[0-9a-f]{16}\.mjs$/.test(manifest.bundle) || !existsSync(file)) return null;
    for (const [source, hash] of Object.entries(manifest.sources)) if (hashFile(join(ROOT, source)) !== hash) return null;
    return pathToFileURL(file);
  } catch {
    return null; // no manifest, a source gone: build
  }
}

async function build(): Promise<URL | null> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    outfile: join(CACHE, 'worker.mjs'),
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'silent',
    plugins: [{
      // A module that finds its data next to itself (`new URL('./data/x.json', import.meta.url)`)
      // must still find it once bundled: each module keeps its own URL.
      name: 'own-import-meta',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => {
          let contents = await readFile(args.path, 'utf8');
          if (contents.includes('import.meta')) {
            contents = contents
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
              .replaceAll('import.meta.filename', JSON.stringify(args.path));
          }
          return { contents, loader: 'ts' };
        });
      },
    }],
  });
  const code = result.outputFiles?.[0]?.text;
  if (!code || result.errors.length) return null;
  const name = `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const file = join(CACHE, name);
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    // Bundles of older sources go; a new one appears whole (written aside, then renamed).
    for (const old of readdirSync(CACHE)) if (/^worker-[0-9a-f]{16}\.mjs$/.test(old)) rmSync(join(CACHE, old), { force: true });
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, code);
    renameSync(part, file);
  }
  // The sources as esbuild read them (relative to ROOT), and this file; written aside and renamed
  // like the bundle, so a reader never sees half a list.
  const sources: Record<string, string> = {};
  for (const input of [...Object.keys(result.metafile?.inputs ?? {}), relative(ROOT, SELF)]) sources[input] = hashFile(join(ROOT, input));
  const part = `${MANIFEST}.${process.pid}.part`;
  writeFileSync(part, JSON.stringify({ bundle: name, sources } satisfies Manifest));
  renameSync(part, MANIFEST);
  return pathToFileURL(file);
}
