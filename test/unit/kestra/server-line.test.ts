import { Diagnostics } from '../../../provider/framework/index.js';
import { serverLine, userTokensHaveNoTenant } from '../../../provider/kestra/index.js';
import type { KestraContext } from '../../../provider/provider-config.js';

const reporting = (version: string | undefined) => ({ serverVersion: async () => version }) as KestraContext;

describe('serverLine', () => {
  test.each<[string, string | undefined, string | undefined]>([
    ['a 1.3 release', '1.3.26', '1.3'],
    ['another 1.x release speaks the 1.x vocabulary', '1.0.4', '1.3'],
    ['a 2.0 release', '2.0.0', '2.0'],
    ['a 2.x snapshot', '2.1.0-SNAPSHOT', '2.0'],
    ['a v-prefixed version', 'v2.0.1', '2.0'],
    ['a line this provider does not know', '3.0.0', undefined],
    ['a version that is no version', 'develop', undefined],
    ['a server that does not say', undefined, undefined],
  ])('%s: %s', async (_name, version, line) => {
    expect((await serverLine(reporting(version)))?.line).toBe(line);
  });

  test('names the release and the vocabulary of its line', async () => {
    const line = await serverLine(reporting('1.3.26'));
    expect(line).toMatchObject({ release: '1.3.26', vocabulary: { actions: ['READ', 'CREATE', 'UPDATE', 'DELETE'] } });
  });
});

describe('userTokensHaveNoTenant', () => {
  test.each<[string, { user_id: unknown; tenant_id: unknown }, string[]]>([
    ['a user token without tenant', { user_id: 'u1', tenant_id: null }, []],
    ['a service-account token with one', { user_id: null, tenant_id: 'team2' }, []],
    ['a user token with a tenant', { user_id: 'u1', tenant_id: 'team2' }, ['tenant_id on a user token']],
  ])('%s', (_name, config, summaries) => {
    const diagnostics = new Diagnostics();
    userTokensHaveNoTenant.validate(config, diagnostics);
    expect(diagnostics.items.map((d) => d.summary)).toEqual(summaries);
  });
});
