import { compareUtf8 } from '../../common/compare-text.js';
import type { BindingSearch } from '../client/index.js';
import {
  AttributePath, computed, defineDataSource, defineSchema, nestedList, optional, optionalComputed, stringType, type ConfigValidator,
} from '../framework/index.js';
import { bindingView, bindingViewAttributes, nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const filter = (description: string) => optional(stringType, { description, validators: [nonBlank] });

const schema = defineSchema({
  description:
    'Searches the role bindings of a tenant. Every filter set must match (exactly); with none, every binding of the tenant. ' +
    'For example, all the roles a service account holds, or everyone bound to a role inside a namespace.',
  attributes: {
    role_id: filter('Only bindings of this role.'),
    service_account_id: filter('Only bindings held by this service account.'),
    user_id: filter('Only bindings held by this user.'),
    group_id: filter('Only bindings held by this group.'),
    namespace: filter('Only bindings limited to exactly this namespace (tenant-wide bindings do not match).'),
    tenant_id: optionalComputed(stringType, { description: 'Tenant to search; defaults to the provider\'s `tenant_id`.', validators: [nonBlank] }),
    bindings: computed(nestedList({ id: computed(stringType, { description: 'Id of the binding.' }), ...bindingViewAttributes }), {
      description: 'The matching bindings, ordered by id, byte by byte whatever the locale.',
    }),
  },
});

/** A binding has one holder: filtering by two can match nothing, so it is refused at validate. */
const oneHolderAtMost: ConfigValidator<{ readonly service_account_id: unknown; readonly user_id: unknown; readonly group_id: unknown }> = {
  description: 'at most one of service_account_id, user_id and group_id',
  validate(config, diagnostics) {
    const set = (['service_account_id', 'user_id', 'group_id'] as const).filter((name) => config[name] !== null);
    const second = set[1];
    if (second !== undefined) {
      diagnostics.addAttributeError(
        AttributePath.root(second),
        'Conflicting arguments',
        `A binding has one holder, so at most one of service_account_id, user_id and group_id may be set; ${set.join(' and ')} are.`,
      );
    }
  },
};

export const roleBindingsDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_role_bindings',
  schema,
  configValidators: [oneHolderAtMost],

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    const found = await ctx.client.api.bindings.search(serverFilter(config), { tenant });
    const bindings = found
      .map(bindingView)
      .filter(
        (b) =>
          matches(config.role_id, b.role_id) &&
          matches(config.service_account_id, b.service_account_id) &&
          matches(config.user_id, b.user_id) &&
          matches(config.group_id, b.group_id) &&
          matches(config.namespace, b.namespace),
      )
      .sort((a, b) => compareUtf8(a.id, b.id));
    return { ...config, tenant_id: tenant, bindings };
  },
});

const matches = (wanted: string | null, actual: string | null) => wanted === null || wanted === actual;

/**
 * What the server can narrow by: the holder (a service account is a user to it) and the namespace. The result is
 * filtered again here, exactly: the server's namespace parameter is not documented as an exact match.
 */
function serverFilter(config: { service_account_id: string | null; user_id: string | null; group_id: string | null; namespace: string | null }): BindingSearch {
  const user = config.service_account_id ?? config.user_id;
  return {
    ...(user !== null ? { type: 'USER' as const, externalId: user } : config.group_id !== null ? { type: 'GROUP' as const, externalId: config.group_id } : {}),
    ...(config.namespace !== null ? { namespace: config.namespace } : {}),
  };
}
