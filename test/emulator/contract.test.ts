import { describe, expect, test } from '@jest/globals';
import { buildEmulator } from '../../emulator/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractViolations, type ContractProblem, type ObservedResponse } from '../support/contract.js';
import { OPENAPI_DIR } from '../support/paths.js';
import { ApiClient } from './support/emulator.js';

describe('the contract checker itself', () => {
  const valid = { id: 'abc', name: 'ci-bot', description: 'd', groups: [{ id: 'g' }], superAdmin: false };
  const tokenWithoutPrefix = { method: 'GET', path: '/api/v1/users/abc/api-tokens', status: 200, body: { results: [{ id: 'x', name: 'n', iat: '2024-01-01T00:00:00Z' }] } };

  test('checks against the vendored documents of Kestra EE 1.3.26 and 2.0.0-SNAPSHOT', () => {
    const version = (file: string) => /^ {2}version: (\S+)$/m.exec(readFileSync(join(OPENAPI_DIR, file), 'utf8'))?.[1];
    expect(version('kestra-ee-1.3-openapi.yml')).toBe('1.3.26');
    expect(version('kestra-ee-2.0-openapi.yml')).toBe('2.0.0-SNAPSHOT');
  });

  test('accepts a response that follows the spec', async () => {
    expect(await contractViolations('1.3', { method: 'POST', path: '/api/v1/main/service-accounts', status: 200, body: valid })).toEqual([]);
  });

  test('judges by the emulated version: a token list item without prefix is fine in 1.3, where prefix is optional', async () => {
    expect(await contractViolations('1.3', tokenWithoutPrefix)).toEqual([]);
  });

  // Each case names the rule broken and where: a checker that rejects everything, or for another reason, fails it.
  test.each<[string, ObservedResponse, Partial<ContractProblem>]>([
    [
      'an undocumented field',
      { method: 'POST', path: '/api/v1/main/service-accounts', status: 200, body: { ...valid, secret: 'x' } },
      { rule: 'schema', keyword: 'additionalProperties', field: '/secret', operation: 'createServiceAccountForTenant' },
    ],
    [
      'a wrongly typed field',
      { method: 'POST', path: '/api/v1/main/service-accounts', status: 200, body: { ...valid, superAdmin: 'no' } },
      { rule: 'schema', keyword: 'type', field: '/superAdmin', operation: 'createServiceAccountForTenant' },
    ],
    [
      'an undocumented success status',
      { method: 'POST', path: '/api/v1/main/service-accounts', status: 201, body: valid },
      { rule: 'undocumented-status', operation: 'createServiceAccountForTenant' },
    ],
    [
      'a body where the spec documents none',
      { method: 'DELETE', path: '/api/v1/service-accounts/abc', status: 204, body: {} },
      { rule: 'undocumented-body', operation: 'deleteServiceAccount' },
    ],
    [
      'a success on a path the spec does not have',
      { method: 'GET', path: '/api/v1/nowhere/at/all/really', status: 200, body: {} },
      { rule: 'undocumented-path' },
    ],
    [
      'an error body that is not a JsonError',
      { method: 'GET', path: '/api/v1/me', status: 401, body: { error: 'nope' } },
      { rule: 'not-a-json-error', keyword: 'required', field: '/message' },
    ],
    [
      'an untyped token answer that does not match its typed twin',
      { method: 'POST', path: '/api/v1/main/service-accounts/abc/api-tokens', status: 200, body: { id: 'x', token: 'y' } },
      { rule: 'schema', keyword: 'required', field: '/fullToken', operation: 'createApiTokensForUser' },
    ],
    ['a 2.0 token list item without its required prefix', tokenWithoutPrefix, { rule: 'schema', keyword: 'required', field: '/results/0/prefix', operation: 'listApiTokensForUser' }],
    [
      'a date-time that is not one',
      { method: 'GET', path: '/api/v1/users/abc/api-tokens', status: 200, body: { results: [{ id: 'x', name: 'n', prefix: 'P', iat: 'yesterday' }] } },
      { rule: 'schema', keyword: 'format', field: '/results/0/iat', operation: 'listApiTokensForUser' },
    ],
  ])('rejects %s, and says which rule and where', async (_label, response, problem) => {
    expect(await contractViolations('2.0', response)).toEqual([
      { where: `${response.method} ${response.path} -> ${response.status}`, message: expect.any(String), ...problem },
    ]);
  });
});

describe('buildEmulator', () => {
  // light-my-request (fastify's inject) cannot be loaded under jest on Node 20, so the built app listens here.
  test('returns an app that is not listening yet and serves the API once started', async () => {
    const app = buildEmulator();
    try {
      expect(app.server.listening).toBe(false);
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const me = await new ApiClient(address).get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.superAdmin).toBe(true);
    } finally {
      await app.close();
    }
  });
});
