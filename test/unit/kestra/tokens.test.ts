import { dueForRotation, ownerOf, parseTokenAddress, tokenAddress, type TokenAddress } from '../../../provider/kestra/index.js';

describe('parseTokenAddress', () => {
  test.each<[string, string, TokenAddress | undefined]>([
    ['a service-account token', 'service-account/sa1/tok1', { service_account_id: 'sa1', tenant_id: null, token_id: 'tok1' }],
    ['a service-account token in a tenant', 'team2/service-account/sa1/tok1', { service_account_id: 'sa1', tenant_id: 'team2', token_id: 'tok1' }],
    ['a user token', 'user/u1/tok1', { service_account_id: null, user_id: 'u1', token_id: 'tok1' }],
    ['a user token with a tenant (user tokens are instance-level)', 'team2/user/u1/tok1', undefined],
    ['a token of the caller', 'me/tok1', { service_account_id: null, user_id: null, owner: 'me', token_id: 'tok1' }],
    ['a token of the caller without its id', 'me/', undefined],
    ['a token of the caller with a tenant (instance-level too)', 'team2/me/tok1', undefined],
    ['an unknown owner kind', 'group/g1/tok1', undefined],
    ['a missing token id', 'service-account/sa1', undefined],
    ['an empty part', 'service-account//tok1', undefined],
    ['an empty tenant', '/service-account/sa1/tok1', undefined],
    ['too many parts', 'a/b/service-account/sa1/tok1', undefined],
    ['a bare id', 'tok1', undefined],
  ])('%s: %s', (_name, text, parsed) => {
    expect(parseTokenAddress(text)).toEqual(parsed);
  });

  test.each(['team2/service-account/sa1/tok1', 'service-account/sa1/tok1', 'user/u1/tok1', 'me/tok1'])('tokenAddress writes back what parseTokenAddress reads: %s', (text) => {
    const parsed = parseTokenAddress(text);
    expect(parsed && tokenAddress(parsed, parsed.token_id)).toBe(text);
  });
});

describe('ownerOf', () => {
  test.each([
    ['a service account, with its tenant', { service_account_id: 'sa1', user_id: null, tenant_id: 't' }, { service_account_id: 'sa1', tenant_id: 't' }],
    ['a user', { service_account_id: null, user_id: 'u1', tenant_id: 't' }, { service_account_id: null, user_id: 'u1' }],
    ['the caller', { service_account_id: null, user_id: null, owner: 'me' }, { service_account_id: null, user_id: null, owner: 'me' }],
  ])('%s', (_name, model, owner) => {
    expect(ownerOf(model)).toEqual(owner);
  });

  test('a model without an owner is a bug, not a guess', () => {
    expect(() => ownerOf({ service_account_id: null, user_id: null })).toThrow(/service_account_id, user_id or owner/);
  });
});

describe('dueForRotation', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const expiring = (expiresAt: string | null, expired = false) => ({ expires_at: expiresAt, expired });

  test.each<[string, { expires_at: string | null; expired: boolean }, string, boolean]>([
    ['expiry beyond the window', expiring('2026-06-10T00:00:00Z'), 'P7D', false],
    ['expiry inside the window', expiring('2026-06-05T00:00:00Z'), 'P7D', true],
    ['expiry exactly at the window edge', expiring('2026-06-08T00:00:00Z'), 'P7D', true],
    ['equal windows written differently', expiring('2026-06-05T00:00:00Z'), 'PT168H', true],
    ['already expired', expiring('2026-05-01T00:00:00Z', true), 'PT1H', true],
    ['a token that never expires', expiring(null), 'P7D', false],
    ['an invalid window', expiring('2026-06-05T00:00:00Z'), 'soon', false],
  ])('%s', (_name, state, window, due) => {
    expect(dueForRotation(state, window, now)).toBe(due);
  });
});
