// Contract checks of emulator responses against the Kestra EE OpenAPI documents, using openapi-backend (Ajv).
// It runs in a worker thread because openapi-backend loads an ES-module-only dependency with require(),
// which jest's module system cannot do on Node 20.
//
// Response object schemas are closed (additionalProperties: false), so an undocumented field fails too.
// Error responses, which the spec leaves untyped, are checked against Micronaut's JsonError shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { OpenAPIBackend } from 'openapi-backend';
import YAML from 'yaml';

/** Operations whose 2xx body the spec types as a bare `object`, and the typed operation they mirror. */
const UNTYPED_TWINS = {
  createApiTokensForServiceAccountWithTenant: 'createApiTokensForUser',
  createApiTokensForServiceAccount: 'createApiTokensForUser',
  listApiTokensForServiceAccountWithTenant: 'listApiTokensForUser',
  listApiTokensForServiceAccount: 'listApiTokensForUser',
};

const JSON_ERROR_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['message', '_links'],
  properties: {
    message: { type: 'string', minLength: 1 },
    _links: {
      type: 'object',
      additionalProperties: false,
      required: ['self'],
      properties: {
        self: {
          type: 'object',
          additionalProperties: false,
          required: ['href', 'templated'],
          properties: { href: { type: 'string' }, templated: { type: 'boolean' } },
        },
      },
    },
    _embedded: {
      type: 'object',
      additionalProperties: false,
      required: ['errors'],
      properties: {
        errors: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['message'],
            properties: { message: { type: 'string' }, path: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** RFC 3339 date-time, the OpenAPI `date-time` format (openapi-backend's Ajv knows only the numeric formats). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

function withDateTime(ajv) {
  ajv.addFormat('date-time', { type: 'string', validate: (text) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)) });
  return ajv;
}

/**
 * Replaces an `allOf` of several object schemas (`$ref`s into the components, or inline) by one object with
 * all their properties, so that closing object schemas closes the whole, not each part against the others.
 */
function mergeAllOf(schemas) {
  const resolve = (branch) => {
    const name = typeof branch.$ref === 'string' ? branch.$ref.replace('#/components/schemas/', '') : undefined;
    return name === undefined ? branch : schemas[name];
  };
  const merge = (node) => {
    if (Array.isArray(node)) {
      node.forEach(merge);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    Object.values(node).forEach(merge);
    if (!Array.isArray(node.allOf) || node.allOf.length < 2) return;
    const parts = node.allOf.map(resolve);
    parts.forEach(merge);
    if (!parts.every((part) => typeof part === 'object' && part !== null && part.allOf === undefined && typeof part.properties === 'object')) return;
    const { allOf: _allOf, ...rest } = node;
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, rest, {
      type: 'object',
      properties: structuredClone(Object.assign({}, ...parts.map((part) => part.properties))),
      required: [...new Set(parts.flatMap((part) => part.required ?? []))],
    });
  };
  merge(schemas);
}

function closeObjectSchemas(node) {
  if (Array.isArray(node)) {
    node.forEach(closeObjectSchemas);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (node.properties !== undefined && typeof node.properties === 'object' && node.additionalProperties === undefined) {
    node.additionalProperties = false;
  }
  Object.values(node).forEach(closeObjectSchemas);
}

/**
 * Rewrites OpenAPI 3.0 keywords Ajv reads differently: `nullable` without `type` (e.g. beside allOf) becomes an
 * anyOf with null, and boolean `exclusiveMinimum`/`exclusiveMaximum` become their numeric JSON Schema form.
 */
function normaliseOpenApi30(node) {
  if (Array.isArray(node)) {
    node.forEach(normaliseOpenApi30);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  Object.values(node).forEach(normaliseOpenApi30);
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
    if (typeof node[exclusive] !== 'boolean') continue;
    if (node[exclusive] && typeof node[bound] === 'number') {
      node[exclusive] = node[bound];
      delete node[bound];
    } else {
      delete node[exclusive];
    }
  }
  if (node.nullable === true && node.type === undefined) {
    const { nullable: _nullable, ...rest } = node;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [{ type: 'null' }, rest];
  }
}

const backends = new Map();

function backendFor(version) {
  let backend = backends.get(version);
  if (!backend) {
    backend = (async () => {
      const definition = YAML.parse(readFileSync(join(workerData.specDir, `kestra-ee-${version}-openapi.yml`), 'utf8'));
      normaliseOpenApi30(definition.components.schemas);
      mergeAllOf(definition.components.schemas);
      closeObjectSchemas(definition.components.schemas);
      const api = new OpenAPIBackend({ definition, quick: true, lazyCompileValidators: true, customizeAjv: withDateTime });
      await api.init();
      return { api, validateJsonError: api.validator.getAjv('responseValidator').compile(JSON_ERROR_SCHEMA) };
    })();
    backends.set(version, backend);
  }
  return backend;
}

/** One problem per Ajv error: the JSON Schema keyword broken and the offending field as a JSON pointer. */
function schemaProblems(where, operation, rule, errors) {
  return (errors ?? []).map((error) => {
    const missing = error.params?.missingProperty ?? error.params?.additionalProperty;
    const field = missing === undefined ? error.instancePath : `${error.instancePath}/${missing}`;
    const against = operation === undefined ? '' : ` of ${operation}`;
    return {
      where,
      rule,
      keyword: error.keyword,
      field,
      ...(operation === undefined ? {} : { operation }),
      message: `${where}: ${field || 'the body'} breaks \`${error.keyword}\`${against}: ${error.message}`,
    };
  });
}

async function violations(version, r) {
  const where = `${r.method} ${r.path} -> ${r.status}`;
  const { api, validateJsonError } = await backendFor(version);
  if (r.status >= 400) {
    return validateJsonError(r.body) ? [] : schemaProblems(where, undefined, 'not-a-json-error', validateJsonError.errors);
  }
  const operation = api.router.matchOperation({ method: r.method, path: r.path, headers: {}, query: {} });
  if (!operation) return [{ where, rule: 'undocumented-path', message: `${where}: a success answer on a path the spec does not define` }];
  const documented = Object.keys(operation.responses ?? {});
  if (!documented.includes(String(r.status))) {
    return [
      {
        where,
        rule: 'undocumented-status',
        operation: operation.operationId,
        message: `${where}: ${operation.operationId} documents ${documented.join(', ')}, not ${r.status}`,
      },
    ];
  }
  const response = operation.responses[String(r.status)];
  if (response?.content?.['application/json'] === undefined) {
    if (r.body === undefined) return [];
    return [
      {
        where,
        rule: 'undocumented-body',
        operation: operation.operationId,
        message: `${where}: ${operation.operationId} documents no body, got ${JSON.stringify(r.body)}`,
      },
    ];
  }
  const problems = [];
  for (const operationId of [operation.operationId, UNTYPED_TWINS[operation.operationId]].filter((o) => o !== undefined)) {
    const target = api.router.getOperation(operationId);
    const status = Object.keys(target.responses ?? {}).find((s) => s.startsWith('2'));
    const result = api.validateResponse(r.body, target, Number(status));
    if (!result.valid) problems.push(...schemaProblems(where, operationId, 'schema', result.errors));
  }
  return problems;
}

parentPort.on('message', async ({ id, version, response }) => {
  try {
    parentPort.postMessage({ id, problems: await violations(version, response) });
  } catch (e) {
    parentPort.postMessage({ id, problems: [{ where: `${response.method} ${response.path}`, rule: 'checker-failed', message: `contract check failed: ${e.stack ?? e}` }] });
  }
});
