/**
 * Every error the Kestra client raises, in one catalogue. Each class has a literal `name` and a stable `code`;
 * callers should branch on `code` (or `isKestraError(err, code)`), which survives duplicate module copies.
 *
 * No message built here may contain credentials or request bodies: server text reaches these classes only
 * after `Redactor` has scrubbed it.
 */

export interface FieldError {
  readonly path?: string;
  readonly message: string;
}

/** What is known about the call that failed; used in every message. */
export interface CallSite {
  readonly method: string;
  readonly path: string;
}

export abstract class KestraError extends Error {
  abstract override readonly name: string;
  abstract readonly code: string;
}

export class KestraConfigError extends KestraError {
  override readonly name = 'KestraConfigError' as const;
  readonly code = 'KESTRA_INVALID_CONFIG' as const;
}

export interface ApiErrorDetails extends CallSite {
  readonly status: number;
  /** The server's own explanation (JsonError `message`, or trimmed raw text), already redacted. */
  readonly serverMessage?: string;
  readonly fieldErrors?: readonly FieldError[];
  readonly attempts?: number;
  /** What the call needs (e.g. "the ROLE permission on tenant main"); only used for 403 hints. */
  readonly requires?: string;
}

/** The server answered with a non-2xx status. */
export class KestraApiError extends KestraError {
  override readonly name: string = 'KestraApiError';
  readonly code: string = 'KESTRA_API_ERROR';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly serverMessage: string | undefined;
  readonly fieldErrors: readonly FieldError[];

  constructor(details: ApiErrorDetails, hint?: string) {
    super(apiMessage(details, hint));
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.serverMessage = details.serverMessage;
    this.fieldErrors = details.fieldErrors ?? [];
  }
}

export class KestraNotFoundError extends KestraApiError {
  override readonly name = 'KestraNotFoundError' as const;
  override readonly code = 'KESTRA_NOT_FOUND' as const;
}

export class KestraUnauthorizedError extends KestraApiError {
  override readonly name = 'KestraUnauthorizedError' as const;
  override readonly code = 'KESTRA_UNAUTHORIZED' as const;

  constructor(details: ApiErrorDetails) {
    super(
      details,
      'The server rejected the credentials: check the username and password (Basic auth) or the API token (Bearer), ' +
        'and any Authorization header set through extra headers.',
    );
  }
}

export class KestraForbiddenError extends KestraApiError {
  override readonly name = 'KestraForbiddenError' as const;
  override readonly code = 'KESTRA_FORBIDDEN' as const;

  constructor(details: ApiErrorDetails) {
    super(
      details,
      details.requires
        ? `The credentials are valid but lack a permission: this call likely needs ${details.requires}.`
        : 'The credentials are valid but the caller’s roles likely lack the permission this call needs.',
    );
  }
}

/** 400 and 422: the request was understood and refused; `fieldErrors` lists the offending fields. */
export class KestraValidationError extends KestraApiError {
  override readonly name = 'KestraValidationError' as const;
  override readonly code = 'KESTRA_VALIDATION' as const;
}

export class KestraConflictError extends KestraApiError {
  override readonly name = 'KestraConflictError' as const;
  override readonly code = 'KESTRA_CONFLICT' as const;
}

/** A 2xx answer whose body is not what the call expects (not JSON, or missing required fields). */
export class KestraResponseError extends KestraError {
  override readonly name = 'KestraResponseError' as const;
  readonly code = 'KESTRA_BAD_RESPONSE' as const;
  readonly method: string;
  readonly path: string;
  readonly status: number;

  constructor(site: CallSite, status: number, problem: string) {
    // The body itself is never quoted: it may be a token-create answer.
    super(`Kestra API: ${site.method} ${site.path} returned ${status} with ${problem}`);
    this.method = site.method;
    this.path = site.path;
    this.status = status;
  }
}

/** The call, or the operation it belongs to (see `KestraClient.operation`), retries included, did not finish within the timeout. */
export class KestraTimeoutError extends KestraError {
  override readonly name = 'KestraTimeoutError' as const;
  readonly code = 'KESTRA_TIMEOUT' as const;
  readonly method: string;
  readonly path: string;
  readonly timeoutMs: number;

  constructor(site: CallSite, timeoutMs: number) {
    super(`Kestra API: ${site.method} ${site.path} did not complete within the timeout (${timeoutMs} ms for the whole operation, retries included)`);
    this.method = site.method;
    this.path = site.path;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Terraform asked the provider to stop (Ctrl-C): no new call starts and no failed call is retried. A request
 * already on the wire is left to finish, so a create that reached the server is still recorded in state.
 */
export class KestraStoppedError extends KestraError {
  override readonly name = 'KestraStoppedError' as const;
  readonly code = 'KESTRA_STOPPED' as const;

  constructor(site: CallSite) {
    super(`Kestra API: ${site.method} ${site.path} was not sent (or not retried): Terraform is stopping the provider`);
  }
}

/** The server could not be reached, or the connection dropped (after retries, for idempotent calls). */
export class KestraConnectionError extends KestraError {
  override readonly name = 'KestraConnectionError' as const;
  readonly code = 'KESTRA_CONNECTION' as const;
  readonly method: string;
  readonly path: string;
  /** The network error code (ECONNREFUSED, UND_ERR_SOCKET, ...), when there is one. */
  readonly networkCode: string | undefined;

  constructor(site: CallSite, networkCode: string | undefined, attempts: number, cause: unknown) {
    super(
      `Kestra API: ${site.method} ${site.path} failed: ${networkCode ?? 'network error'}` +
        (attempts > 1 ? ` (after ${attempts} attempts)` : ''),
      { cause },
    );
    this.method = site.method;
    this.path = site.path;
    this.networkCode = networkCode;
  }
}

/**
 * A non-idempotent write (POST) whose outcome is unknown: the request may have been applied before the
 * connection dropped, the timeout expired or a gateway gave up. Callers should look the object up before
 * trying again. `cause` is the underlying timeout, connection or API error.
 */
export class KestraAmbiguousWriteError extends KestraError {
  override readonly name = 'KestraAmbiguousWriteError' as const;
  readonly code = 'KESTRA_AMBIGUOUS_WRITE' as const;
  readonly method: string;
  readonly path: string;
  /**
   * The server answered (a 5xx, a 2xx that cannot be read), so it is done with the request, whatever it did.
   * Otherwise (a timeout, a lost connection) it may still be working on it.
   */
  readonly answered: boolean;

  constructor(site: CallSite, cause: KestraError) {
    super(
      `Kestra API: ${site.method} ${site.path} may or may not have been applied (${cause.message}); ` +
        'look the object up before retrying',
      { cause },
    );
    this.method = site.method;
    this.path = site.path;
    this.answered = cause instanceof KestraApiError || cause instanceof KestraResponseError;
  }
}

export type KestraErrorCode =
  | KestraConfigError['code']
  | 'KESTRA_API_ERROR'
  | KestraNotFoundError['code']
  | KestraUnauthorizedError['code']
  | KestraForbiddenError['code']
  | KestraValidationError['code']
  | KestraConflictError['code']
  | KestraResponseError['code']
  | KestraTimeoutError['code']
  | KestraStoppedError['code']
  | KestraConnectionError['code']
  | KestraAmbiguousWriteError['code'];

/** True for any error of this catalogue, optionally of one code. */
export function isKestraError(err: unknown, code?: KestraErrorCode): err is KestraError {
  if (!(err instanceof Error)) return false;
  const actual = (err as { code?: unknown }).code;
  return typeof actual === 'string' && actual.startsWith('KESTRA_') && (code === undefined || actual === code);
}

/** The error class for a non-2xx status. */
export function apiErrorFor(details: ApiErrorDetails): KestraApiError {
  switch (details.status) {
    case 400:
    case 422:
      return new KestraValidationError(details);
    case 401:
      return new KestraUnauthorizedError(details);
    case 403:
      return new KestraForbiddenError(details);
    case 404:
      return new KestraNotFoundError(details);
    case 409:
      return new KestraConflictError(details);
    default:
      return new KestraApiError(details);
  }
}

function apiMessage(details: ApiErrorDetails, hint: string | undefined): string {
  let text = `Kestra API: ${details.method} ${details.path} returned ${details.status}`;
  if (details.serverMessage) text += `: ${details.serverMessage}`;
  const extra = (details.fieldErrors ?? []).filter((f) => !details.serverMessage?.includes(f.message));
  if (extra.length > 0) text += ` [${extra.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ')}]`;
  if (details.attempts !== undefined && details.attempts > 1) text += ` (after ${details.attempts} attempts)`;
  if (hint) text += `. ${hint}`;
  return text;
}
