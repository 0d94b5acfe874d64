// Where the plugin listens. go-plugin hosts pass PLUGIN_MIN_PORT/PLUGIN_MAX_PORT (Terraform: 10000–25000) so
// that a firewall rule or a port reservation can cover every provider; a Go plugin binds 127.0.0.1 within
// that range, and so do we. Without them the kernel picks a port.
import { createServer } from 'node:net';
import * as grpc from '@grpc/grpc-js';

export interface PortRange {
  min: number;
  max: number;
}

/** The range the host asked for, `undefined` when it set neither bound. Bad values throw, as in go-plugin. */
export function portRangeFromEnv(env: NodeJS.ProcessEnv): PortRange | undefined {
  const rawMin = env.PLUGIN_MIN_PORT ?? '';
  const rawMax = env.PLUGIN_MAX_PORT ?? '';
  if (rawMin === '' && rawMax === '') return undefined;
  const min = rawMin === '' ? 0 : parsePort('PLUGIN_MIN_PORT', rawMin);
  const max = rawMax === '' ? 0 : parsePort('PLUGIN_MAX_PORT', rawMax);
  if (min > max) throw new Error(`PLUGIN_MIN_PORT value of ${min} is greater than PLUGIN_MAX_PORT value of ${max}`);
  return { min, max };
}

function parsePort(name: string, raw: string): number {
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value > 65_535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  return value;
}

/**
 * Binds `server` on 127.0.0.1 within `range` (any port when undefined) and resolves with the port. go-plugin
 * tries the ports in order from the bottom; we start at a random port of the range and wrap around, so that
 * the several providers Terraform starts at once do not all probe the same taken ports first. Every port of
 * the range is tried before giving up.
 */
export async function bindLoopback(server: grpc.Server, credentials: grpc.ServerCredentials, range: PortRange | undefined, random: () => number = Math.random): Promise<number> {
  if (range === undefined || range.max === 0) return bind(server, '127.0.0.1:0', credentials);
  const size = range.max - range.min + 1;
  const first = Math.floor(random() * size);
  for (let i = 0; i < size; i++) {
    const port = range.min + ((first + i) % size);
    // A quick probe first: grpc-js logs an error line for every failed bind.
    if (!(await isFree(port))) continue;
    try {
      return await bind(server, `127.0.0.1:${port}`, credentials);
    } catch (error) {
      // Taken between the probe and the bind: the next one. Anything else is not about this port.
      if (!/EADDRINUSE|EACCES/.test(String(error))) throw error;
    }
  }
  throw new Error(`Couldn't bind plugin TCP listener: no free port on 127.0.0.1 between PLUGIN_MIN_PORT=${range.min} and PLUGIN_MAX_PORT=${range.max}`);
}

function bind(server: grpc.Server, address: string, credentials: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (error, port) => (error ? reject(error) : resolve(port)));
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
