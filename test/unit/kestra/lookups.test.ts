import { jest } from '@jest/globals';
import { KestraNotFoundError, KestraValidationError } from '../../../provider/client/errors.js';
import { ResourceError } from '../../../provider/framework/index.js';
import { findOne, idOrFindByName, orNullIfGone } from '../../../provider/kestra/index.js';

const site = { method: 'GET', path: '/api/v1/main/roles/r1' };
const notFound = () => new KestraNotFoundError({ ...site, status: 404 });

describe('findOne', () => {
  test('the single match', async () => {
    await expect(findOne('role', 'admin', Promise.resolve([{ id: 'r1' }]))).resolves.toEqual({ id: 'r1' });
  });

  test.each<[string, { id: string }[], string, string]>([
    ['no match', [], 'role not found', 'No role is named "admin".'],
    ['several matches', [{ id: 'r1' }, { id: 'r2' }], 'role name is ambiguous', '2 roles are named "admin" (ids r1, r2); look it up by id instead.'],
  ])('%s is a ResourceError saying what was found', async (_name, matches, summary, detail) => {
    const error = await findOne('role', 'admin', Promise.resolve(matches)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceError);
    expect(error).toMatchObject({ summary, message: detail });
  });

  test('idOrFindByName: the configured id without a search, else the id of the single match', async () => {
    const search = jest.fn(async () => [{ id: 'r2' }]);
    await expect(idOrFindByName('role', { id: 'r1', name: null }, search)).resolves.toBe('r1');
    expect(search).not.toHaveBeenCalled();
    await expect(idOrFindByName('role', { id: null, name: 'admin' }, search)).resolves.toBe('r2');
    expect(search).toHaveBeenCalledWith('admin');
  });
});

describe('orNullIfGone', () => {
  test('a 404 is null, the result is the result, any other error stays an error', async () => {
    await expect(orNullIfGone(Promise.reject(notFound()))).resolves.toBeNull();
    await expect(orNullIfGone(Promise.resolve('found'))).resolves.toBe('found');
    const refused = new KestraValidationError({ ...site, status: 422 });
    await expect(orNullIfGone(Promise.reject(refused))).rejects.toBe(refused);
  });
});
