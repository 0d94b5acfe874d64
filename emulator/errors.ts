import { STATUS_CODES } from 'node:http';

/**
 * Error catalogue. Every error the emulator answers with is declared here once: a code, the HTTP status and
 * a message template (`%s` is replaced by the arguments, in order). Bodies follow Micronaut's JsonError as
 * Kestra's ErrorController builds it: "<Reason>[: <detail>]", a self link, and `_embedded.errors` only for
 * validation failures.
 */

export interface FieldError {
  message: string;
  path?: string;
}

export class EmulatorError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly fieldErrors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: string, statusCode: number, message: string, fieldErrors?: FieldError[], headers?: Record<string, string>) {
    super(message);
    this.name = 'EmulatorError';
    this.code = code;
    this.statusCode = statusCode;
    this.fieldErrors = fieldErrors;
    this.headers = headers ?? {};
  }
}

type ErrorFactory = (...args: Array<string | number>) => EmulatorError;
type ValidationErrorFactory = (fieldErrors: FieldError[], ...args: Array<string | number>) => EmulatorError;

function format(template: string, args: Array<string | number>): string {
  let i = 0;
  return template.replace(/%s/g, () => String(args[i++] ?? ''));
}

function define(code: string, statusCode: number, template: string): ErrorFactory {
  return (...args) => new EmulatorError(code, statusCode, format(template, args));
}

function defineValidation(code: string, statusCode: number, template: string): ValidationErrorFactory {
  return (fieldErrors, ...args) => new EmulatorError(code, statusCode, format(template, args), fieldErrors);
}

export const errors = {
  BAD_REQUEST: define('BAD_REQUEST', 400, 'Bad Request: %s'),
  // InvalidQueryFiltersException, which Kestra answers with 400.
  INVALID_FILTERS: define('INVALID_FILTERS', 400, 'Bad Request: Provided query filters are invalid: %s'),
  // A required query value that is absent (UnsatisfiedQueryValueRouteException).
  MISSING_PART: define('MISSING_PART', 400, 'Bad Request: Required Part [%s] not specified'),
  MISSING_QUERY_VALUE: define('MISSING_QUERY_VALUE', 400, 'Bad Request: Required QueryValue [%s] not specified'),
  // Jackson refuses such a document with a StreamConstraintsException, which Micronaut answers with 400.
  NESTING_TOO_DEEP: define(
    'NESTING_TOO_DEEP',
    400,
    'Invalid JSON: Document nesting depth (%s) exceeds the maximum allowed (%s, from `StreamReadConstraints.getMaxNestingDepth()`)',
  ),
  UNAUTHORIZED: define('UNAUTHORIZED', 401, 'Unauthorized'),
  FORBIDDEN: define('FORBIDDEN', 403, 'Forbidden: %s'),
  NOT_FOUND: define('NOT_FOUND', 404, 'Not Found: %s'),
  ROUTE_NOT_FOUND: define('ROUTE_NOT_FOUND', 404, 'Not Found'),
  CONFLICT: define('CONFLICT', 409, 'Conflict: %s'),
  ILLEGAL_STATE: define('ILLEGAL_STATE', 409, 'Illegal state: %s'),
  PAYLOAD_TOO_LARGE: define(
    'PAYLOAD_TOO_LARGE',
    413,
    'Request Entity Too Large: The content length exceeds the maximum allowed content length [%s]',
  ),
  UNSUPPORTED_MEDIA_TYPE: define(
    'UNSUPPORTED_MEDIA_TYPE',
    415,
    'Unsupported Media Type: Content Type [%s] not allowed. Allowed types: [application/json]',
  ),
  INVALID_JSON: define('INVALID_JSON', 422, 'Invalid json: %s'),
  INVALID_JSON_MAPPING: defineValidation('INVALID_JSON_MAPPING', 422, 'Invalid json mapping'),
  INVALID_ENTITY: defineValidation('INVALID_ENTITY', 422, 'Invalid entity: %s'),
  MISSING_BODY: define('MISSING_BODY', 422, 'Invalid route params: Required Body [%s] not specified'),
  ILLEGAL_ARGUMENT: define('ILLEGAL_ARGUMENT', 422, 'Illegal argument: %s'),
  // Kestra maps a query value that cannot be converted (page=abc) to 422 with this odd reason.
  QUERY_CONVERSION: define(
    'QUERY_CONVERSION',
    422,
    'Internal server error: Failed to convert argument [%s] for value [%s] due to: For input string: "%s"',
  ),
  QUERY_ENUM_CONVERSION: define('QUERY_ENUM_CONVERSION', 422, 'Internal server error: Failed to convert argument [%s] for value [%s] due to: %s'),
  GONE: define('GONE', 410, 'Resource expired: %s'),
  INTERNAL: define('INTERNAL', 500, 'Internal server error'),
} as const;

/**
 * An answer with an arbitrary status and its standard reason phrase: injected faults, and client errors
 * fastify raises itself. `Retry-After` is added when given.
 */
export function statusError(statusCode: number, retryAfterSeconds?: number): EmulatorError {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  return new EmulatorError('STATUS', statusCode, STATUS_CODES[statusCode] ?? `HTTP ${statusCode}`, undefined, headers);
}

export interface JsonErrorBody {
  message: string;
  _links: { self: { href: string; templated: boolean } };
  _embedded?: { errors: FieldError[] };
}

export function jsonErrorBody(message: string, href: string, fieldErrors?: FieldError[]): JsonErrorBody {
  const body: JsonErrorBody = { message, _links: { self: { href, templated: false } } };
  if (fieldErrors && fieldErrors.length > 0) {
    body._embedded = { errors: fieldErrors.map((e) => (e.path === undefined ? { message: e.message } : { message: e.message, path: e.path })) };
  }
  return body;
}
