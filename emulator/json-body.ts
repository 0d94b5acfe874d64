import type { FastifyInstance } from 'fastify';
import { errors } from './errors.js';

/**
 * Request body parsing as Micronaut does it for Kestra: JSON only (a body without Content-Type is read as
 * JSON, any other media type is 415), malformed JSON is 422 "Invalid json", and an empty body is no body.
 */

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
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
