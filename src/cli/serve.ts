// `tinline serve`: the HTTP API and the web page over one database, until Ctrl-C.
import { Command } from 'commander';
import { TinlineError } from '../errors.ts';
import { createStore } from '../store/index.ts';
import { dbOption, type Io } from './main.ts';

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new TinlineError('BAD_OPTION', `--port: '${value}' is not a port (0-65535)`);
  return n;
}

export function registerServeCommand(program: Command, io: Io): void {
  program
    .command('serve')
    .description('serve the HTTP API (/api, /openapi.json) and the web page')
    .addOption(dbOption())
    .option('--port <n>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--host <address>', 'address to listen on (beyond loopback only with a token)', '127.0.0.1')
    .option('--token <token>', 'bearer token that writes (POST) need; also TINLINE_TOKEN')
    .action(async (flags: { db: string; port: number; host: string; token?: string }) => {
      // Loaded here so other commands do not pay for the server's modules.
      const { DEFAULT_WEB_DIR, isLoopback, startServer, webBuilt } = await import('../serve/index.ts');
      const token = flags.token ?? process.env.TINLINE_TOKEN ?? null;
      if (!isLoopback(flags.host) && !token) {
        throw new TinlineError('USAGE', `refusing to listen on ${flags.host} without a token: give --token or set TINLINE_TOKEN`);
      }
      const store = await createStore(flags.db);
      let server;
      try {
        server = await startServer(store, { host: flags.host, port: flags.port, token, webDir: DEFAULT_WEB_DIR, log: io.err });
      } catch (e) {
        await store.close();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new TinlineError('USAGE', `port ${flags.port} on ${flags.host} is in use (try --port 0)`);
        if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new TinlineError('USAGE', `cannot listen on ${flags.host}:${flags.port} (${code})`);
        throw e;
      }
      io.out(`tinline: serving ${flags.db} at ${server.url}/  (API ${server.url}/api, description ${server.url}/openapi.json)`);
      io.out(token ? 'tinline: writes (POST) need Authorization: Bearer <token>' : 'tinline: no token: writes are open to this machine only (loopback)');
      if (!webBuilt(DEFAULT_WEB_DIR)) io.err(`tinline: the web page is not built (${DEFAULT_WEB_DIR} is missing): run \`npm run build:web\`; the API works without it`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      await store.close();
    });
}
