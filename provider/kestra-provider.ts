import type { Logger, ProviderDefinition } from './framework/index.js';
import { configureKestra, providerSchema, type KestraContext } from './provider-config.js';
import { apiTokensDataSource } from './datasources/api-tokens.js';
import { groupDataSource } from './datasources/group.js';
import { meDataSource } from './datasources/me.js';
import { roleDataSource } from './datasources/role.js';
import { serviceAccountDataSource } from './datasources/service-account.js';
import { serviceAccountsDataSource } from './datasources/service-accounts.js';
import { userDataSource } from './datasources/user.js';
import { usersDataSource } from './datasources/users.js';
import { ephemeralApiTokenResource } from './ephemeral-resources/api-token.js';
import { apiTokenResource } from './resources/api-token.js';
import { groupMemberResource } from './resources/group-member.js';
import { groupResource } from './resources/group.js';
import { roleBindingResource } from './resources/role-binding.js';
import { roleResource } from './resources/role.js';
import { serviceAccountResource } from './resources/service-account.js';
import { userResource } from './resources/user.js';

/** The Kestra provider: its configuration and every resource, data source and ephemeral resource it offers. */
export function kestraProvider(logger: Logger): ProviderDefinition<typeof providerSchema, KestraContext> {
  return {
    schema: providerSchema,
    logger,
    configure: (req) => configureKestra(req, process.env, logger.with({ component: 'kestra-api' })),
    // `timeout` bounds a whole operation: a create with its look-ups, a read, a delete.
    aroundCall: (client, call) => client.api.operation(call),
    resources: [serviceAccountResource, roleResource, roleBindingResource, apiTokenResource, groupResource, groupMemberResource, userResource],
    dataSources: [serviceAccountDataSource, roleDataSource, apiTokensDataSource, groupDataSource, userDataSource, usersDataSource, serviceAccountsDataSource, meDataSource],
    ephemeralResources: [ephemeralApiTokenResource],
  };
}
