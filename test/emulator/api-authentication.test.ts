/**
 * Authentication follows the route a request reaches, not the text of its URL: no spelling of an API path gets
 * in without credentials. Requests are written byte for byte on a socket, so no client normalises them first.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect } from 'node:net';
import { ADMIN } from './support/emulator.js';
import { startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let port: number;
beforeAll(async () => {
  t = await startTestEmulator();
  port = Number(new URL(t.url).port);
});
afterAll(async () => t.close());

interface RawAnswer {
  status: number;
  body: string;
}

/** Sends one HTTP/1.1 request exactly as given and reads the whole answer. */
function rawRequest(method: string, target: string, headers: Record<string, string> = {}, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const head = Object.entries({ host: 'localhost', connection: 'close', 'content-length': String(Buffer.byteLength(body)), ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`${method} ${target} HTTP/1.1\r\n${head}\r\n${body}`);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const basic = `Basic ${Buffer.from(`${ADMIN[0]}:${ADMIN[1]}`).toString('base64')}`;

/** Spellings of `/api/v1/users` that a router, a proxy or a server may read as that path. */
const SPELLINGS = [
  '/api/v1/users',
  '/%61pi/v1/users',
  '/%61%70%69/v1/users',
  '/ap%69/v1/%75sers',
  '/api/%76%31/users',
  '/%2561pi/v1/users',
  '//api/v1/users',
  '/api//v1/users',
  '/api/v1//users',
  '/api/./v1/users',
  '/./api/v1/users',
  '/api/v1/x/../users',
  '/api/v1/%2e/users',
  '/api/v1/%2e%2e/v1/users',
  '/API/v1/users',
  '/Api/V1/Users',
  '/%41PI/v1/users',
  '/api;x=1/v1/users',
  '/api/v1;/users',
  '/api/v1/users;jsessionid=1',
  '/api/v1/users/',
  '/api/v1/users?page=1',
  '/api/v1/users%2F',
  '/api%2Fv1%2Fusers',
  '/api/v1/users%00',
  '/api/v1/users%20',
  '/api/v1/users#fragment',
  '/api\\v1\\users',
  'http://localhost/api/v1/users',
];

describe('no spelling of an API path gets in without credentials', () => {
  test.each(SPELLINGS)('GET %s', async (target) => {
    const res = await rawRequest('GET', target);
    // 400 only where the HTTP parser refuses the request line itself; never an answer with data.
    expect([400, 401]).toContain(res.status);
    expect(res.body).not.toContain(ADMIN[0]);
  });

  test.each(SPELLINGS)('HEAD %s', async (target) => {
    expect([400, 401]).toContain((await rawRequest('HEAD', target)).status);
  });

  test('no spelling creates a superadmin', async () => {
    const email = `${uniqueName('intruder')}@example.com`;
    const body = JSON.stringify({ email, password: 'P4ssw0rd!', superAdmin: true });
    for (const target of SPELLINGS) {
      const res = await rawRequest('POST', target, { 'content-type': 'application/json' }, body);
      expect({ target, refused: [400, 401].includes(res.status) }).toEqual({ target, refused: true });
    }
    const users = await t.api.get(`/api/v1/users?q=${encodeURIComponent(email)}`);
    expect(users.body.total).toBe(0);
  });

  test('with credentials, the spellings the router resolves reach the route and the others are 404', async () => {
    const routed = new Set<number>();
    for (const target of SPELLINGS) {
      const res = await rawRequest('GET', target, { authorization: basic });
      expect({ target, answered: [200, 400, 404].includes(res.status) }).toEqual({ target, answered: true });
      routed.add(res.status);
    }
    expect(routed.has(200)).toBe(true);
  });

  test('a path no route takes is 401 without credentials and 404 with them', async () => {
    for (const target of ['/api/v1/nothing-here', '/nothing-here', '/%E0%A4%A', '/__emulator/nothing']) {
      expect((await rawRequest('GET', target)).status).toBe(401);
      expect((await rawRequest('GET', target, { authorization: basic })).status).toBe(404);
    }
  });

  test('a malformed or wrong credential is refused on every spelling', async () => {
    for (const authorization of ['Basic Og==', `Basic ${Buffer.from(`${ADMIN[0]}:nope`).toString('base64')}`, 'Bearer ABCDEF' + 'x'.repeat(42)]) {
      for (const target of ['/%61pi/v1/users', '/api/./v1/me', '/api/v1/me;x']) {
        expect((await rawRequest('GET', target, { authorization })).status).toBe(401);
      }
    }
  });
});

describe('operations the spec leaves without security', () => {
  test('GET /api/v1/auths answers anyone, in any spelling the router resolves', async () => {
    for (const target of ['/api/v1/auths', '/%61pi/v1/auths', '/api/v1/%61uths']) {
      const res = await rawRequest('GET', target);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ loginPassword: true, mailsEnabled: true, passwordless: false, oauths: [] });
    }
    expect((await t.api.get('/api/v1/auths', { auth: 'none' })).status).toBe(200);
  });

  test('its siblings are not anonymous', async () => {
    expect((await rawRequest('GET', '/api/v1/auths/x')).status).toBe(401);
    expect((await rawRequest('POST', '/api/v1/auths')).status).toBe(401);
  });
});
