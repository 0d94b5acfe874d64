import type { FastifyInstance } from 'fastify';
import { errors } from './errors.js';

/**
 * Request body parsing as Micronaut does it for Kestra: JSON only (a body without Content-Type is read as
 * JSON, any other media type is 415), malformed JSON is 422 "Invalid json", and an empty body is no body.
 */

/** Jackson's default `StreamReadConstraints.maxNestingDepth`: deeper documents are refused before parsing. */
export const MAX_NESTING_DEPTH = 1000;

/** The deepest array/object nesting of a JSON text, counted in one pass that skips over strings. */
function nestingDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  // Deep nesting would overflow the stack of whatever walks the value later (validation, storage, serialization).
  if (nestingDepthExceeds(body, MAX_NESTING_DEPTH)) throw errors.NESTING_TOO_DEEP(MAX_NESTING_DEPTH + 1, MAX_NESTING_DEPTH);
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw errors.INVALID_JSON((e as Error).message);
  }
}

export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const type = request.headers['content-type'];
    if (type !== undefined && type !== '') {
      done(errors.UNSUPPORTED_MEDIA_TYPE(type), undefined);
      return;
    }
    try {
      done(null, parseJson(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
