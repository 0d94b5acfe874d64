import { UNKNOWN, type Planned } from '../../../provider/framework/index.js';
import { parseTenantScopedId, planTenant, tenantOf } from '../../../provider/kestra/index.js';
import type { KestraContext } from '../../../provider/provider-config.js';

const client = { defaultTenant: 'main' } as KestraContext;
const ctx = { client };

describe('planTenant', () => {
  test.each<[string, { config: Planned<string>; state: string | null | 'none'; client: KestraContext | undefined }, Planned<string>, string[]]>([
    ['unset on create: the provider tenant, known at plan', { config: null, state: 'none', client }, 'main', []],
    ['configured: left as configured', { config: 'team2', state: 'none', client }, UNKNOWN, []],
    ['unknown configuration: left alone', { config: UNKNOWN, state: 'main', client }, UNKNOWN, []],
    ['no client yet (validate, unknown provider block): left alone', { config: null, state: 'none', client: undefined }, UNKNOWN, []],
    ['the provider tenant moved: the object moves, so it is replaced', { config: null, state: 'main', client: { ...client, defaultTenant: 'team2' } }, 'team2', ['tenant_id']],
    ['the provider tenant unchanged: no replacement', { config: null, state: 'main', client }, 'main', []],
    ['a stored state without a tenant (moved, not refreshed yet): left alone, no replacement', { config: null, state: null, client }, UNKNOWN, []],
  ])('%s', (_name, req, planned, replaced) => {
    const flagged: string[] = [];
    const plan = { tenant_id: UNKNOWN as Planned<string> };
    planTenant({
      config: { tenant_id: req.config },
      plan,
      state: req.state === 'none' ? null : { tenant_id: req.state },
      client: req.client,
      requiresReplace: (name) => void flagged.push(name),
    });
    expect(plan.tenant_id).toBe(planned);
    expect(flagged).toEqual(replaced);
  });
});

describe('parseTenantScopedId', () => {
  test.each([
    ['an id: the provider tenant', 'abc', { id: 'abc', tenant: 'main' }],
    ['tenant and id', 'team2/abc', { id: 'abc', tenant: 'team2' }],
    ['only the first slash splits', 'team2/a/b', { id: 'a/b', tenant: 'team2' }],
  ])('%s', (_name, text, parsed) => {
    expect(parseTenantScopedId(text, ctx)).toEqual(parsed);
  });

  test.each(['team2/', '/abc', ''])('an empty part is an invalid import id: %j', (text) => {
    expect(() => parseTenantScopedId(text, ctx)).toThrow('Expected <id> or <tenant>/<id>');
  });

  test('tenantOf: the object\'s tenant, else the provider\'s', () => {
    expect([tenantOf({ tenant_id: 'team2' }, ctx), tenantOf({ tenant_id: null }, ctx)]).toEqual(['team2', 'main']);
  });
});
