import type { FieldError } from './errors.js';
import type { Redactor } from './redact.js';

/** What an error response says, ready to put in a message. */
export interface ErrorBodySummary {
  serverMessage?: string;
  fieldErrors: FieldError[];
}

const MAX_RAW_CHARS = 300;

/**
 * Reads a Micronaut `JsonError` body (`{message, _embedded: {errors: [{message, path}]}}`). Anything else
 * (a proxy's HTML page, plain text) is kept as trimmed raw text, unless `allowRaw` is false: calls whose
 * bodies may hold secrets only ever surface the server's structured message. Text is redacted before it is
 * flattened or cut, so no cut can leave part of a secret the redactor no longer recognises.
 */
export function summarizeErrorBody(text: string, redactor: Redactor, allowRaw: boolean): ErrorBodySummary {
  const parsed = parseJsonError(text);
  if (parsed) {
    const fieldErrors = parsed.fieldErrors.map((f) => ({ ...f, message: redactor.redact(f.message) }));
    return parsed.message === undefined
      ? { fieldErrors }
      : { serverMessage: redactor.redact(parsed.message), fieldErrors };
  }
  if (!allowRaw) return { fieldErrors: [] };
  const raw = trimRaw(redactor.redact(text), redactor);
  return raw ? { serverMessage: raw, fieldErrors: [] } : { fieldErrors: [] };
}

function parseJsonError(text: string): { message?: string; fieldErrors: FieldError[] } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  const message = typeof body.message === 'string' && body.message.trim() ? body.message.trim() : undefined;
  const embedded = isRecord(body._embedded) ? body._embedded.errors : undefined;
  const fieldErrors: FieldError[] = [];
  if (Array.isArray(embedded)) {
    for (const item of embedded) {
      if (!isRecord(item) || typeof item.message !== 'string') continue;
      fieldErrors.push(typeof item.path === 'string' ? { path: item.path, message: item.message } : { message: item.message });
    }
  }
  if (message === undefined && fieldErrors.length === 0) return undefined;
  return message === undefined ? { fieldErrors } : { message, fieldErrors };
}

/** Markup out and whitespace folded (redacted again, for a secret that holds whitespace), then cut. */
function trimRaw(text: string, redactor: Redactor): string {
  const flat = redactor.redact(text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  return flat.length > MAX_RAW_CHARS ? `${flat.slice(0, MAX_RAW_CHARS)}…` : flat;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
