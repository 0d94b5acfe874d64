import { parseArgs } from 'node:util';
import { DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER, startEmulator } from './index.js';

const USAGE = `usage: kestra-emulator [--host 127.0.0.1] [--port 0] [--data DIR] [--kestra-version 1.3|2.0]
                       [--admin-user USER --admin-password PASSWORD] [--enable-control]

  --admin-user, --admin-password   bootstrap superadmin (env KESTRA_EMULATOR_ADMIN_USER / KESTRA_EMULATOR_ADMIN_PASSWORD;
                                   defaults ${DEFAULT_ADMIN_USER} / ${DEFAULT_ADMIN_PASSWORD})
  --data DIR                       keep state in DIR (SQLite); in memory when absent
  --enable-control                 serve /__emulator/faults and /__emulator/clock`;

function fail(message: string): never {
  process.stderr.write(`kestra-emulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseCli() {
  try {
    return parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        'kestra-version': { type: 'string', default: '1.3' },
        'admin-user': { type: 'string' },
        'admin-password': { type: 'string' },
        'enable-control': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return fail((e as Error).message);
  }
}

async function main(): Promise<void> {
  const args = parseCli();
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${args.port}`);
  const version = args['kestra-version'];
  if (version !== '1.3' && version !== '2.0') fail(`unsupported --kestra-version ${version} (expected 1.3 or 2.0)`);

  const emulator = await startEmulator({
    host: args.host,
    port,
    ...(args.data !== undefined ? { dataDir: args.data } : {}),
    kestraVersion: version,
    adminUser: args['admin-user'] ?? process.env.KESTRA_EMULATOR_ADMIN_USER ?? DEFAULT_ADMIN_USER,
    adminPassword: args['admin-password'] ?? process.env.KESTRA_EMULATOR_ADMIN_PASSWORD ?? DEFAULT_ADMIN_PASSWORD,
    enableControl: args['enable-control'],
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${new Date().toISOString()} ${signal} received, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`kestra-emulator: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Announced only once the signal handlers are in place: a supervisor may stop us as soon as it reads this.
  process.stdout.write(`listening on ${emulator.url}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`kestra-emulator: ${(e as Error).message}\n`);
  process.exit(1);
});
