// A warm provider process that serves Terraform sessions one after another (issue 15). Terraform starts a
// provider process for every graph walk, three or four per command; each costs a node start and runs cold
// code. The launcher (attach.bash, written by scripts/bundle.mjs) instead attaches a session to a process of
// this kind when one is free, and relays it: the handshake line to Terraform's stdout, the session's log
// lines to its stderr, and its own death (Terraform's kill) as the end of the session.
//
// Who may attach. The server listens on a loopback port and writes `PORT CLIENT SERVER PID` to its slot file,
// 0600 in the user's 0700 snapshot cache (the launcher refuses files that are not the user's). A connection
// must first send CLIENT; only then does the server answer SERVER, and the launcher sends nothing of the
// session before it has checked that answer, since the port of a server that died may belong to anyone by
// then. Both are 32 random bytes, compared in constant time, never logged.
//
// What a session sees. Its own provider instance (framework, configured client, stop signal, journal scope),
// its own gRPC server with its own auto-mTLS certificate checked against the session's PLUGIN_CLIENT_CERT,
// and its own environment and working directory: the server's own environment is empty (reuse-start.ts) and
// the provider reads the session's through its ProviderHost. One session at a time: a busy server says so
// and the launcher tries the next slot, or starts a provider of its own.
//
// When a session ends. Terraform's Shutdown ends it normally. The launcher's connection closing (the launcher
// killed) or Terraform's process going away abandons it, which must leave what a killed provider process
// leaves: its requests to Kestra are cut, nothing more is sent, and its journal of creates is left as it
// stands, marked ended, for the next session to settle (provider/kestra/create-journal.ts). The server
// takes no other session until the abandoned one's calls have returned.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type * as grpc from '@grpc/grpc-js';
import { createLogger, logLevelFromEnv } from '../bridge/logging.js';
import { hostRefusal, startPluginServer } from '../bridge/serve.js';
import type { JournalScope } from '../kestra/index.js';
import { providerInstance } from '../provider-instance.js';

/** What the launcher sends first, before its secret. */
export const HELLO = 'kestra-reuse-1';
/** What starts the session's description, after the server has proved itself. */
export const SESSION = 'kestra-session-1';
/** What the launcher says once it has the handshake line: from then on the session's log lines go to it. */
const RELAY = 'relay\n';
/** A server with no session for this long exits. */
export const IDLE_EXIT_MS = 5 * 60_000;
/** A launcher that has not said who it is, or described its session, by then is dropped. */
const INTRODUCTION_MS = 5_000;
/** A session's description is its environment: far below this. */
const MAX_DESCRIPTION_BYTES = 1 << 20;
const TERRAFORM_POLL_MS = 1_000;
/**
 * The garbage of a session is collected once the server has had no session for this long, not at once: Terraform
 * starts its next provider process right after the previous one's Shutdown, and a full collection (~15 ms) then
 * would hold up that session's start.
 */
const COLLECT_WHEN_IDLE_MS = 250;

/** What the launcher tells of the session: its Terraform, working directory and environment. */
export interface SessionDescription {
  terraformPid: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Parses `kestra-session-1 \0 launcher pid \0 terraform pid \0 cwd \0 (NAME=VALUE \0)* \0`. */
export function parseSessionDescription(raw: string): SessionDescription | undefined {
  const fields = raw.split('\0');
  const [tag, , terraformPid, cwd, ...rest] = fields;
  if (tag !== SESSION || !/^\d+$/.test(terraformPid ?? '') || !cwd?.startsWith('/') || rest.at(-1) !== '' || rest.at(-2) !== '') return undefined;
  const env: NodeJS.ProcessEnv = {};
  for (const entry of rest.slice(0, -2)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) return undefined;
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { terraformPid: Number(terraformPid), cwd, env };
}

const sameSecret = (given: string, expected: Buffer) => {
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
};

export async function runReuseServer(slotFile: string, service: grpc.ServiceDefinition): Promise<void> {
  const clientSecret = Buffer.from(randomBytes(32).toString('hex'));
  const serverSecret = randomBytes(32).toString('hex');
  let busy = false;
  let idleTimer: NodeJS.Timeout | undefined;
  let collectTimer: NodeJS.Timeout | undefined;
  const armIdleExit = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => exit(), IDLE_EXIT_MS);
  };

  const listener = createServer((socket) => {
    socket.setNoDelay(true);
    introduce(socket);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', resolve);
  });
  const { port } = listener.address() as { port: number };
  const slotLine = `${port} ${clientSecret.toString()} ${serverSecret} ${process.pid}\n`;
  const tmp = `${slotFile}.${process.pid}.tmp`;
  function exit(): never {
    rmSync(tmp, { force: true });
    try {
      if (readFileSync(slotFile, 'utf8') === slotLine) rmSync(slotFile, { force: true });
    } catch {
      // already gone or replaced
    }
    process.exit(0);
  }
  // Before the slot file is published: a signal that finds no handler kills the process as it stands, and a
  // slot file naming a dead server would be left behind.
  process.on('SIGTERM', () => exit());
  process.on('SIGINT', () => exit());
  writeFileSync(tmp, slotLine, { mode: 0o600 });
  renameSync(tmp, slotFile);
  rmSync(`${slotFile}.starting`, { force: true });
  armIdleExit();

  /** Reads the hello line, then the session's description, in one small state machine. */
  function introduce(socket: Socket): void {
    let buffered = '';
    let greeted = false;
    let described = false;
    const drop = () => socket.destroy();
    const timer = setTimeout(drop, INTRODUCTION_MS);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.length > MAX_DESCRIPTION_BYTES) return drop();
      if (!greeted) {
        const newline = buffered.indexOf('\n');
        if (newline < 0) return;
        const [hello, secret = ''] = buffered.slice(0, newline).split(' ');
        buffered = buffered.slice(newline + 1);
        if (hello !== HELLO || !sameSecret(secret, clientSecret)) return drop();
        greeted = true;
        if (busy) {
          socket.off('data', onData);
          socket.end(`${serverSecret} busy\n`);
          return;
        }
        busy = true;
        clearTimeout(idleTimer);
        clearTimeout(collectTimer);
        socket.once('close', () => {
          if (!described) release();
        });
        socket.write(`${serverSecret} ready\n`);
      }
      const end = buffered.indexOf('\0\0');
      // A byte back makes the kernel acknowledge what came at once, instead of after its delayed-ACK timer,
      // which the launcher's next segment would wait for (Nagle's algorithm): the launcher skips the spaces.
      if (end < 0) {
        if (greeted && buffered.length > 0) socket.write(' ');
        return;
      }
      clearTimeout(timer);
      socket.off('data', onData);
      const description = parseSessionDescription(buffered.slice(0, end + 2));
      described = true;
      if (description === undefined) {
        socket.end('fail the launcher sent a session description this provider cannot read\n');
        release();
        return;
      }
      void serveSession(socket, description, service).finally(release);
    };
    socket.on('data', onData);
    socket.on('error', () => {});
  }

  // A command's sessions leave their garbage behind: collected once the server is idle, it does not add to the
  // next command's peak.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  function release(): void {
    busy = false;
    collectTimer = setTimeout(collect, COLLECT_WHEN_IDLE_MS);
    // A launcher replaced this server (it looked dead to one): no launcher can reach it any more.
    let current = '';
    try {
      current = readFileSync(slotFile, 'utf8');
    } catch {
      // gone
    }
    if (current !== slotLine) exit();
    armIdleExit();
  }
}

/** The sessions this process serves now: their journal entries are nobody's leftovers. */
const servedSessions = new Set<string>();

/** Serves one session until it ends; resolves once its calls have returned and its journal knows. */
async function serveSession(socket: Socket, { env, cwd, terraformPid }: SessionDescription, service: grpc.ServiceDefinition): Promise<void> {
  const refusal = hostRefusal(env);
  if (refusal !== undefined) {
    socket.end(`fail ${refusal}\n`);
    return;
  }
  // The launcher reads the handshake line with `head`, which may read ahead: log lines wait until it says relay.
  let relaying = false;
  let pending = '';
  const write = (line: string) => {
    if (!socket.writable) return;
    if (relaying) socket.write(line);
    else pending += line;
  };
  let heard = '';
  // Reading on after that is what tells the server when the launcher goes (its connection's end).
  socket.on('data', (chunk: Buffer) => {
    if (relaying) return;
    heard += chunk.toString('utf8');
    if (!heard.includes(RELAY)) {
      if (heard.length > RELAY.length) socket.destroy();
      return;
    }
    relaying = true;
    if (pending !== '' && socket.writable) socket.write(pending);
    pending = '';
  });
  const logger = createLogger({ level: logLevelFromEnv(env), write });
  const session = randomBytes(8).toString('hex');
  const endings: ((normally: boolean) => void)[] = [];
  servedSessions.add(session);
  const journal: JournalScope = {
    session,
    isServing: (other) => other !== undefined && servedSessions.has(other),
    onEnd: (callback) => endings.push(callback),
  };
  const abandon = new AbortController();
  const instance = providerInstance(logger, { env, cwd, journal, abandoned: abandon.signal });

  let finish: (normally: boolean) => void = () => {};
  const finished = new Promise<boolean>((resolve) => (finish = resolve));
  let plugin;
  try {
    plugin = await startPluginServer({
      env,
      logger,
      register: (server) => server.addService(service, instance.handlers),
      onShutdown: () => finish(true),
    });
  } catch (error) {
    servedSessions.delete(session);
    socket.end(`fail ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  socket.on('close', () => finish(false));
  // The launcher may have gone while the session was being set up.
  if (socket.destroyed) finish(false);
  const terraformWatch = setInterval(() => {
    try {
      process.kill(terraformPid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') finish(false);
    }
  }, TERRAFORM_POLL_MS);
  socket.write(`ok ${plugin.handshakeLine}`);
  logger.debug('plugin serving', { address: plugin.address, tls: plugin.tls, reused: true });

  const normally = await finished;
  clearInterval(terraformWatch);
  logger.debug('plugin stopping', { reason: normally ? 'plugin host requested shutdown' : 'plugin host gone' });
  // Abandoned, the session ends as a killed provider process would: its requests cut, its journal as it
  // stands (left to the next session), nothing sent after.
  if (!normally) abandon.abort();
  servedSessions.delete(session);
  for (const ending of endings) ending(normally);
  instance.framework.stop();
  await plugin.close();
  await instance.calls.drained();
  // The session's connections to Kestra go with it, not at the server's keep-alive timeout.
  await instance.framework.close();
  socket.end();
}
