// PostgreSQL for tests. With TINLINE_TEST_PG=postgres://… a fresh database is made on that server
// per call (and dropped by stop()); otherwise a throwaway cluster is started in a temp folder on a
// free loopback port and stopped by stop(), by a process 'exit' handler, or on SIGINT/SIGTERM.
// When PostgreSQL is not installed the caller gets one clear error naming the install command:
// PostgreSQL tests fail rather than skip, so a machine without it cannot look green.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { after, before } from 'node:test';

export const INSTALL_HINT = 'PostgreSQL is not installed: run `apt-get install -y postgresql` (or set TINLINE_TEST_PG=postgres://user@host:port/db)';

export interface TestPostgres {
  /** A fresh, empty database. */
  url: string;
  /** Another fresh database on the same server (dropped by stop()). */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** More server options for a cluster started here (e.g. `-c shared_preload_libraries=…`); ignored with TINLINE_TEST_PG. */
  serverOptions?: string;
}

export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const given = process.env.TINLINE_TEST_PG;
  const server = given ? { adminUrl: given, stop: async () => {} } : await startCluster(options.serverOptions ?? '');
  const made: string[] = [];
  const newDatabase = async () => {
    const name = `tinline_test_${randomBytes(6).toString('hex')}`;
    await admin(server.adminUrl, `CREATE DATABASE ${name}`);
    made.push(name);
    return withDatabase(server.adminUrl, name);
  };
  let url: string;
  try {
    url = await newDatabase();
  } catch (e) {
    await server.stop();
    throw e;
  }
  let stopped = false;
  return {
    url,
    newDatabase,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (given) {
        for (const name of made) await admin(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      }
      await server.stop();
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Where initdb and pg_ctl are: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config comes with libpq-dev; the server packages are looked for below.
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // no Debian layout
  }
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Cluster {
  adminUrl: string;
  stop(): Promise<void>;
}

async function startCluster(serverOptions: string): Promise<Cluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), 'tinline-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: run it as the postgres user, which must own the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`running as root and there is no postgres user to run PostgreSQL as (${INSTALL_HINT})`);
    }
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  };

  const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (!init.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.output.trim().split('\n').slice(-3).join(' ')}`);
  }

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', stopSync);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Another process may take the port between choosing it and binding it: try a few.
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const options = `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${serverOptions}`;
    const started = run('pg_ctl', ['start', '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options]);
    if (started.ok) {
      return {
        adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
        stop: async () => {
          process.removeListener('exit', stopSync);
          process.removeListener('SIGINT', onSignal);
          process.removeListener('SIGTERM', onSignal);
          stopSync();
        },
      };
    }
    lastError = started.output.trim();
    try {
      lastError += ` ${readFileSync(join(dir, 'log'), 'utf8').trim().split('\n').slice(-3).join(' ')}`;
    } catch {
      // no log yet
    }
  }
  stopSync();
  throw new Error(`pg_ctl start failed: ${lastError}`);
}

/**
 * Starts one PostgreSQL for the calling test file (node:test before/after hooks) and returns a getter:
 * the server, or, when it could not start, the reason — so every PostgreSQL test fails with it.
 */
export function usePostgres(): () => TestPostgres {
  let server: TestPostgres | undefined;
  let startError: unknown;
  before(async () => {
    try {
      server = await startPostgres();
    } catch (e) {
      startError = e;
    }
  });
  after(async () => { await server?.stop(); });
  return () => {
    if (!server) throw startError instanceof Error ? startError : new Error(String(startError));
    return server;
  };
}
