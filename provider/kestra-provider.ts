import type { Logger, ProviderDefinition } from './framework/index.js';
import { configureKestra, operationContext, PROCESS_HOST, providerSchema, type KestraContext, type ProviderHost } from './provider-config.js';
import { recordCreated, retireCreateEntry } from './kestra/index.js';
import { apiTokensDataSource } from './datasources/api-tokens.js';
import { groupDataSource } from './datasources/group.js';
import { meDataSource } from './datasources/me.js';
import { roleBindingDataSource } from './datasources/role-binding.js';
import { roleBindingsDataSource } from './datasources/role-bindings.js';
import { roleDataSource } from './datasources/role.js';
import { serviceAccountDataSource } from './datasources/service-account.js';
import { serviceAccountsDataSource } from './datasources/service-accounts.js';
import { tenantDataSource } from './datasources/tenant.js';
import { userDataSource } from './datasources/user.js';
import { usersDataSource } from './datasources/users.js';
import { ephemeralApiTokenResource } from './ephemeral-resources/api-token.js';
import { apiTokenResource } from './resources/api-token.js';
import { groupMemberResource } from './resources/group-member.js';
import { groupResource } from './resources/group.js';
import { roleBindingResource } from './resources/role-binding.js';
import { roleResource } from './resources/role.js';
import { serviceAccountResource } from './resources/service-account.js';
import { tenantAccessResource } from './resources/tenant-access.js';
import { tenantResource } from './resources/tenant.js';
import { userResource } from './resources/user.js';

/**
 * The Kestra provider: its configuration and every resource, data source and ephemeral resource it offers,
 * for the Terraform session `host` describes.
 */
export function kestraProvider(logger: Logger, host: ProviderHost = PROCESS_HOST): ProviderDefinition<typeof providerSchema, KestraContext> {
  return {
    schema: providerSchema,
    logger,
    configure: (req) => configureKestra(req, host, logger.with({ component: 'kestra-api' })),
    release: (client) => client.api.close(),
    // `timeout` bounds a whole operation: a create with its look-ups, a read, a delete.
    forCall: operationContext,
    // A create's journal entry lasts until Terraform holds its outcome: until a stored state of what it made.
    onCreated: (client, type, state, data) => recordCreated(client.creates, { endpoint: client.api.endpoint, type, state }, data),
    onStoredState: (client, type, state, data) => retireCreateEntry(client.creates, { endpoint: client.api.endpoint, type, state }, data),
    resources: [
      serviceAccountResource, roleResource, roleBindingResource, apiTokenResource, groupResource, groupMemberResource, userResource, tenantResource,
      tenantAccessResource,
    ],
    dataSources: [
      serviceAccountDataSource, roleDataSource, apiTokensDataSource, groupDataSource, tenantDataSource, roleBindingDataSource, roleBindingsDataSource,
      userDataSource, usersDataSource, serviceAccountsDataSource, meDataSource,
    ],
    ephemeralResources: [ephemeralApiTokenResource],
  };
}
