/**
 * Requests the real server refuses, derived from the vendored spec for every operation of the IAM tags: a missing
 * body or required field, a value of the wrong JSON type, an enum value of no member, a pattern, minimum or size
 * broken, a missing required or unconvertible query value. Kestra (Jackson, bean validation, Micronaut binding)
 * refuses each before the operation runs, so the answer is the same whatever the path names: 422 for the body
 * (`Invalid json mapping` / `Invalid entity` / `Required Body`), 400 for an absent required query value or part,
 * 422 for a query value it cannot convert. Each operation is also sent a valid request, which must pass
 * validation, so that a route refusing everything cannot pass.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { buildEmulator, DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER } from '../../emulator/index.js';
import { OPENAPI_DIR } from '../support/paths.js';

type Version = '1.3' | '2.0';
type Schema = Record<string, any>;

const IAM_TAGS = ['Users', 'ServiceAccount', 'Groups', 'Roles', 'Bindings', 'Tenant Access', 'Tenants', 'Auths', 'Invitations'];
const ADMIN_AUTH = `Basic ${Buffer.from(`${DEFAULT_ADMIN_USER}:${DEFAULT_ADMIN_PASSWORD}`).toString('base64')}`;

/**
 * Values valid beyond what the schema says (a duration, a password the policy accepts, the caller's own
 * password and email so that a valid /me request changes nothing), by property name.
 */
const SAMPLES: Record<string, unknown> = {
  maxAge: 'PT1H',
  duration: 'PT1H',
  password: 'Sample-Pa55word',
  oldPassword: DEFAULT_ADMIN_PASSWORD,
  newPassword: DEFAULT_ADMIN_PASSWORD,
  email: DEFAULT_ADMIN_USER,
  namespaceId: 'prod',
  // A role's permissions: the spec types the lists' items as nothing; an empty map is a valid one.
  permissions: {},
};

/**
 * Required in the spec because the Java field is a primitive, which Jackson defaults (false) when absent: the
 * models' `deleted` flag, which no client sends (the official provider's tenant bodies are `{id, name}`).
 */
const DEFAULTED = ['deleted'];

interface Case {
  label: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  query?: string;
  status: number;
  message: RegExp;
}

const MAPPING = /^Invalid json mapping$/;
const ENTITY = /^Invalid entity: /;

function loadSpec(version: Version): Schema {
  return YAML.parse(readFileSync(join(OPENAPI_DIR, `kestra-ee-${version}-openapi.yml`), 'utf8'));
}

/** The schema with references replaced and an allOf of objects merged into one object. */
function resolve(spec: Schema, schema: Schema | undefined, depth = 0): Schema {
  if (schema === undefined || depth > 8) return {};
  if (schema.$ref !== undefined) return resolve(spec, spec.components.schemas[String(schema.$ref).split('/').pop()!], depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts: Schema[] = schema.allOf.map((s: Schema) => resolve(spec, s, depth + 1));
    const [only] = parts;
    if (parts.length === 1 && only !== undefined && only.properties === undefined) return { ...only, nullable: schema.nullable };
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p: Schema) => p.properties ?? {}), schema.properties ?? {}),
      required: [...new Set([...(schema.required ?? []), ...parts.flatMap((p: Schema) => p.required ?? [])])],
    };
  }
  return schema;
}

/** A value of the schema that validation accepts. */
function sample(spec: Schema, schema: Schema, name: string, depth = 0): unknown {
  if (name in SAMPLES && SAMPLES[name] !== undefined) return SAMPLES[name];
  const s = resolve(spec, schema);
  if (s.enum) return s.enum[0];
  if (s.pattern) return name === 'id' ? 'sample-id' : 'sample-name';
  switch (s.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return Math.max(1, Number(s.minimum ?? 1) + (s.exclusiveMinimum ? 1 : 0));
    case 'array':
      return depth > 3 ? [] : [sample(spec, s.items ?? {}, name, depth + 1)];
    case 'object':
      if (s.properties === undefined) return {};
      return depth > 3 ? {} : Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, sample(spec, v as Schema, k, depth + 1)]));
    default:
      return name === 'name' ? 'sample-name' : 'sample';
  }
}

/** A text the whole of which the pattern does not match. */
function breaking(pattern: string): string | undefined {
  return ['Not Valid!', '-', 'a/b', ' '].find((candidate) => !new RegExp(`^(?:${pattern})$`).test(candidate));
}

/** Broken copies of a valid object, one broken property at a time, down nested objects and lists of them. */
function bodyCases(spec: Schema, schema: Schema, valid: Record<string, unknown>, prefix = '', depth = 0): Case[] {
  const s = resolve(spec, schema);
  const cases: Case[] = [];
  const replaced = (name: string, value: unknown) => {
    const copy = structuredClone(valid);
    if (value === undefined) delete copy[name];
    else copy[name] = value;
    return copy;
  };
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const p = resolve(spec, raw as Schema);
    const where = `${prefix}${name}`;
    if ((s.required ?? []).includes(name) && !DEFAULTED.includes(name)) cases.push({ label: `without required ${where}`, body: replaced(name, undefined), status: 422, message: ENTITY });
    const wrong: Array<[string, unknown]> = [];
    if (p.enum) wrong.push(['a value of no member of its enum', 'NO_SUCH_VALUE']);
    if (p.type === 'string' || p.enum) wrong.push(['an object', { x: 1 }]);
    if (p.type === 'boolean') wrong.push(['an object', { x: 1 }], ['a string that is no boolean', 'maybe']);
    if (p.type === 'integer') wrong.push(['a string that is no number', 'many']);
    if (p.type === 'array') wrong.push(['an object', { x: 1 }]);
    if (p.type === 'array' && resolve(spec, p.items ?? {}).enum) wrong.push(['a list holding a value of no member', ['NO_SUCH_VALUE']]);
    if (p.type === 'object') wrong.push(['a list', [1]]);
    for (const [what, value] of wrong) cases.push({ label: `${where} as ${what}`, body: replaced(name, value), status: 422, message: MAPPING });
    const broken = p.pattern === undefined ? undefined : breaking(p.pattern);
    if (broken !== undefined) cases.push({ label: `${where} not matching ${p.pattern}`, body: replaced(name, broken), status: 422, message: ENTITY });
    if (p.type === 'integer' && p.minimum !== undefined) {
      const below = Number(p.minimum) - (p.exclusiveMinimum ? 0 : 1);
      cases.push({ label: `${where} below its minimum`, body: replaced(name, below), status: 422, message: ENTITY });
    }
    if (p.type === 'array' && p.maxItems !== undefined) {
      const long = Array.from({ length: p.maxItems + 1 }, (_, i) => `v${i}`);
      cases.push({ label: `${where} longer than ${p.maxItems}`, body: replaced(name, long), status: 422, message: ENTITY });
    }
    const item = p.type === 'array' ? resolve(spec, p.items ?? {}) : p;
    if (depth < 2 && item.type === 'object' && item.properties !== undefined) {
      const inner = (p.type === 'array' ? (valid[name] as unknown[])[0] : valid[name]) as Record<string, unknown>;
      for (const c of bodyCases(spec, item, inner, `${where}${p.type === 'array' ? '[0]' : ''}.`, depth + 1)) {
        cases.push({ ...c, body: replaced(name, p.type === 'array' ? [c.body] : c.body) });
      }
    }
  }
  return cases;
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters?: Schema[];
  requestBody?: Schema;
  tags?: string[];
}

function operationsOf(spec: Schema): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (op.tags?.some((tag) => IAM_TAGS.includes(tag)) && op.operationId !== 'getFlowDependenciesFromTenant') out.push({ ...op, method, path });
    }
  }
  return out;
}

/** A valid query string for the operation's required query parameters. */
function validQuery(spec: Schema, op: Operation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query' || !p.required || p.name === 'filters') continue;
    out[p.name] = String(sample(spec, p.schema, p.name) ?? 'sample');
  }
  return out;
}

function queryCases(spec: Schema, op: Operation, valid: Record<string, string>): Case[] {
  const cases: Case[] = [];
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query' || p.name === 'filters' || p.name === 'sort') continue;
    const s = resolve(spec, p.schema);
    const without = { ...valid };
    delete without[p.name];
    if (p.required) cases.push({ label: `without required query value ${p.name}`, query: new URLSearchParams(without).toString(), status: 400, message: /^Bad Request: Required QueryValue/ });
    const bad = s.type === 'integer' ? 'many' : s.enum ? 'NO_SUCH_VALUE' : undefined;
    if (bad !== undefined) {
      cases.push({ label: `query value ${p.name} that does not convert`, query: new URLSearchParams({ ...valid, [p.name]: bad }).toString(), status: 422, message: /Failed to convert argument/ });
    }
  }
  return cases;
}

/** What to send for the operation: the valid request and the invalid ones. */
function casesOf(spec: Schema, op: Operation): { valid: Case; invalid: Case[] } {
  const query = validQuery(spec, op);
  const queryString = new URLSearchParams(query).toString();
  const content = op.requestBody?.content ?? {};
  const invalid = queryCases(spec, op, query);
  if (content['application/json']) {
    const schema = resolve(spec, content['application/json'].schema);
    const body = sample(spec, schema, '');
    if (op.requestBody?.required) invalid.push({ label: 'without a body', query: queryString, status: 422, message: /^Invalid route params: Required Body/ });
    if (schema.type === 'object') {
      invalid.push({ label: 'a list for the body', body: [], query: queryString, status: 422, message: MAPPING });
      invalid.push(...bodyCases(spec, schema, body as Record<string, unknown>).map((c) => ({ ...c, query: queryString })));
    }
    if (schema.type === 'array') invalid.push({ label: 'an object for the list body', body: {}, query: queryString, status: 422, message: MAPPING });
    return { valid: { label: 'valid', body, query: queryString, status: 0, message: /./ }, invalid };
  }
  if (content['text/plain']) {
    const headers = { 'content-type': 'text/plain' };
    invalid.push({ label: 'without a body', rawBody: '', headers, status: 422, message: /^Invalid route params: Required Body/ });
    return { valid: { label: 'valid', rawBody: 'Sample-Pa55word', headers, status: 0, message: /./ }, invalid };
  }
  if (content['multipart/form-data']) {
    const part = (name: string) => {
      const boundary = 'request-contract';
      const rawBody = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="f.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--${boundary}--\r\n`;
      return { rawBody, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    invalid.push({ label: 'without its file part', ...part('other'), status: 400, message: /^Bad Request: Required Part \[logo\]/ });
    return { valid: { label: 'valid', ...part('logo'), status: 0, message: /./ }, invalid };
  }
  return { valid: { label: 'valid', query: queryString, status: 0, message: /./ }, invalid };
}

async function send(app: FastifyInstance, op: Operation, c: Case) {
  const url = op.path.replace('{tenant}', 'main').replace(/\{[^}]+\}/g, 'nonexistent') + (c.query ? `?${c.query}` : '');
  const payload = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  return app.inject({
    method: op.method.toUpperCase() as HTTPMethods,
    url,
    headers: { authorization: ADMIN_AUTH, ...(c.rawBody === undefined && payload !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers },
    ...(payload === undefined ? {} : { payload }),
  });
}

describe.each<Version>(['1.3', '2.0'])('Kestra %s', (version) => {
  const spec = loadSpec(version);
  const operations = operationsOf(spec).map((op) => ({ op, ...casesOf(spec, op) }));
  // One app for all: invalid requests change nothing, and the valid ones name nothing that exists or repeat
  // what is there (the caller's own email and password), so no operation's requests affect another's.
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildEmulator({ kestraVersion: version });
    await app.ready();
  });
  afterAll(async () => app.close());

  test('the spec gives invalid requests to check for most operations', () => {
    const checked = operations.filter((o) => o.invalid.length > 0).length;
    expect(checked).toBeGreaterThan(operations.length / 2);
  });

  test.each(operations.map((o) => [`${o.op.method.toUpperCase()} ${o.op.path}`, o] as const))('%s', async (_name, { op, valid, invalid }) => {
    const observed: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const c of invalid) {
      const res = await send(app, op, c);
      const message = String(JSON.parse(res.body || '{}').message ?? '');
      observed[c.label] = `${res.statusCode} ${c.message.test(message) ? 'as expected' : message}`;
      expected[c.label] = `${c.status} as expected`;
    }
    const res = await send(app, op, valid);
    observed.valid = [400, 415, 422].includes(res.statusCode) ? `${res.statusCode} ${res.body}` : 'passes validation';
    expected.valid = 'passes validation';
    expect(observed).toEqual(expected);
  });
});
