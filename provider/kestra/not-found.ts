import { isKestraError } from '../client/errors.js';

/**
 * The one place a 404 is read as "the object is gone": the call's result, or null. Reads report the object as
 * vanished; deletes and closes treat it as done, since their goal is reached either way.
 */
export async function orNullIfGone<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isKestraError(error, 'KESTRA_NOT_FOUND')) return null;
    throw error;
  }
}
