import { isKestraError } from '../client/errors.js';

const CREATE_ATTEMPTS = 3;

/**
 * Creates an object whose create call may fail ambiguously (the connection dropped, a gateway timed out): the
 * object may or may not exist. Then look it up by its unique identity and adopt it, or, when it is not
 * there, create it again. The server never ends up with a duplicate, and the apply does not fail for a blip.
 */
export async function createOrAdopt<T>(create: () => Promise<T>, findCreated: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!isKestraError(error, 'KESTRA_AMBIGUOUS_WRITE') || attempt === CREATE_ATTEMPTS) throw error;
      const created = await findCreated();
      if (created !== undefined) return created;
    }
  }
}
