/**
 * Coverage of the identity-and-access part of the spec: every operation of the IAM tags in the vendored document of
 * each version has a route, and every route of the emulator is an operation of that document. The README states
 * the count, which this test holds it to.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { buildEmulator } from '../../emulator/index.js';
import { OPENAPI_DIR, REPO_ROOT } from '../support/paths.js';

type Version = '1.3' | '2.0';

const IAM_TAGS = ['Users', 'ServiceAccount', 'Groups', 'Roles', 'Bindings', 'Tenant Access', 'Tenants', 'Auths', 'Invitations'];
/** Under the Tenants tag but about flows, not tenants. */
const OUT_OF_SCOPE = ['getFlowDependenciesFromTenant'];
/** Served outside the IAM tags: flows and executions so that tests can show what a token reaches, configs for the server's version. */
const NON_IAM_ROUTES = ['GET /api/v1/{}/flows/search', 'GET /api/v1/{}/executions/search', 'GET /api/v1/configs'];

interface Operation {
  operationId: string;
  tags?: string[];
}

/** `METHOD /path` with every path parameter written `{}`, so spec and router spellings compare. */
const normalise = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}')}`;

function iamOperations(version: Version): string[] {
  const document = YAML.parse(readFileSync(join(OPENAPI_DIR, `kestra-ee-${version}-openapi.yml`), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const out: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op.tags?.some((tag) => IAM_TAGS.includes(tag)) && !OUT_OF_SCOPE.includes(op.operationId)) out.push(normalise(method, path));
    }
  }
  return out.sort();
}

async function routesOf(version: Version): Promise<string[]> {
  const app = buildEmulator({ kestraVersion: version });
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD' && route.url.startsWith('/api/')) routes.push(normalise(method, route.url));
  });
  await app.ready();
  await app.close();
  return routes.sort();
}

describe.each<Version>(['1.3', '2.0'])('Kestra %s', (version) => {
  test('every operation of the IAM tags has a route, and every route is an operation of the document', async () => {
    const operations = iamOperations(version);
    const routes = await routesOf(version);
    const missing = operations.filter((op) => !routes.includes(op));
    const undocumented = routes.filter((r) => !operations.includes(r) && !NON_IAM_ROUTES.includes(r));
    expect({ missing, undocumented }).toEqual({ missing: [], undocumented: [] });
  });

  test('the README states the coverage', async () => {
    const n = iamOperations(version).length;
    const readme = readFileSync(join(REPO_ROOT, 'emulator', 'README.md'), 'utf8');
    const stated = new RegExp(`(\\d+) of (\\d+) operations of Kestra ${version.replace('.', '\\.')}`).exec(readme);
    expect(stated?.slice(1).map(Number)).toEqual([n, n]);
  });
});
