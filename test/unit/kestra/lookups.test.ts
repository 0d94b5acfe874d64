import { jest } from '@jest/globals';
import { KestraAmbiguousWriteError, KestraConnectionError, KestraNotFoundError, KestraValidationError } from '../../../provider/client/errors.js';
import { ResourceError } from '../../../provider/framework/index.js';
import { createOrAdopt, findOne, idOrFindByName, orNullIfGone } from '../../../provider/kestra/index.js';

const site = { method: 'GET', path: '/api/v1/main/roles/r1' };
const notFound = () => new KestraNotFoundError({ ...site, status: 404 });
const ambiguous = () => new KestraAmbiguousWriteError({ method: 'POST', path: '/api/v1/main/roles' }, new KestraConnectionError(site, 'ECONNRESET', 1, null));

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

describe('createOrAdopt', () => {
  test.each<[string, (() => Promise<string>)[], (string | undefined)[], string | Error, number]>([
    ['a create that succeeds', [async () => 'made'], [], 'made', 1],
    ['an ambiguous create whose object is found is adopted, not made twice', [() => Promise.reject(ambiguous())], ['found'], 'found', 1],
    ['an ambiguous create whose object is absent is sent again', [() => Promise.reject(ambiguous()), async () => 'made'], [undefined], 'made', 2],
    ['three ambiguous creates in a row fail', [0, 1, 2].map(() => () => Promise.reject(ambiguous())), [undefined, undefined], new Error('may or may not'), 3],
  ])('%s', async (_name, attempts, lookups, outcome, creates) => {
    let created = 0;
    const create = () => attempts[created++]!();
    const find = async () => lookups.shift();
    const result = createOrAdopt(create, find);
    if (outcome instanceof Error) await expect(result).rejects.toThrow(outcome.message);
    else await expect(result).resolves.toBe(outcome);
    expect(created).toBe(creates);
  });

  test('an error that is not ambiguous is not retried', async () => {
    const refused = new KestraValidationError({ ...site, status: 422 });
    const find = jest.fn(async () => 'found');
    await expect(createOrAdopt(() => Promise.reject(refused), find)).rejects.toBe(refused);
    expect(find).not.toHaveBeenCalled();
  });
});
