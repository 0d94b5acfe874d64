/**
 * Terraform states exactly as the official provider, kestra-io/kestra, leaves them (its IAM types are built on
 * the legacy plugin SDK; schemas of `internal/provider/resource_*.go`, v1.3.2 and main): every attribute of the
 * type's schema plus `id`, unset strings stored as "", unset maps as null, nested blocks as lists of objects (a
 * block of at most one as a list of one); schema version 0, and 1 for the Kestra 2.0 role of its main branch;
 * `full_token` and `password` listed as sensitive; the SDK's meta as private data (`null` at version 0,
 * `{"schema_version":"1"}` above).
 */
export const OFFICIAL_PROVIDER = 'registry.terraform.io/kestra-io/kestra';

export interface OfficialInstance {
  readonly type: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly schemaVersion?: number;
  readonly sensitive?: readonly string[];
  readonly dependencies?: readonly string[];
}

type Token = { id: string; name: string; description: string; maxAge: string; extended?: boolean; fullToken: string };

/** The official types' states, from the values the API returned when the official provider made the objects. */
export const official = {
  serviceAccount: (name: string, sa: { id: string; name: string; description?: string; superAdmin?: boolean; groups?: string[] }): OfficialInstance => ({
    type: 'kestra_service_account',
    name,
    attributes: { id: sa.id, name: sa.name, description: sa.description ?? '', super_admin: sa.superAdmin ?? false, groups: (sa.groups ?? []).map((id) => ({ id })) },
  }),

  /** Kestra 1.x roles (v1.3.2): `permissions` blocks of `{ type, permissions }`. */
  role: (name: string, role: { id: string; name: string; namespace?: string; description?: string; permissions: Record<string, string[]> }): OfficialInstance => ({
    type: 'kestra_role',
    name,
    attributes: {
      id: role.id,
      tenant_id: 'main',
      namespace: role.namespace ?? '',
      name: role.name,
      description: role.description ?? '',
      is_default: false,
      permissions: Object.entries(role.permissions).map(([type, permissions]) => ({ type, permissions })),
    },
  }),

  /** Kestra 2.0 roles (main branch, schema version 1): `resources` blocks of `{ type, actions }`. */
  role20: (name: string, role: { id: string; name: string; description?: string; resources: Record<string, string[]> }): OfficialInstance => ({
    type: 'kestra_role',
    name,
    schemaVersion: 1,
    attributes: {
      id: role.id,
      tenant_id: 'main',
      namespace: '',
      name: role.name,
      description: role.description ?? '',
      is_default: false,
      resources: Object.entries(role.resources).map(([type, actions]) => ({ type, actions })),
    },
  }),

  binding: (name: string, binding: { id: string; type: 'USER' | 'GROUP'; externalId: string; roleId: string; namespace?: string }, dependencies: string[] = []): OfficialInstance => ({
    type: 'kestra_binding',
    name,
    dependencies,
    attributes: { id: binding.id, tenant_id: 'main', type: binding.type, external_id: binding.externalId, role_id: binding.roleId, namespace: binding.namespace ?? '' },
  }),

  serviceAccountToken: (name: string, serviceAccountId: string, token: Token, dependencies: string[] = []): OfficialInstance => ({
    type: 'kestra_service_account_api_token',
    name,
    sensitive: ['full_token'],
    dependencies,
    attributes: { id: token.id, service_account_id: serviceAccountId, ...tokenAttributes(token) },
  }),

  userToken: (name: string, userId: string, token: Token): OfficialInstance => ({
    type: 'kestra_user_api_token',
    name,
    sensitive: ['full_token'],
    attributes: { id: token.id, user_id: userId, ...tokenAttributes(token) },
  }),

  /** Users are instance-wide; `username` is the email as the server returns it, `namespace` was sent as `namespaceId`, `description` never sent. */
  user: (name: string, user: { id: string; email: string; firstName?: string; lastName?: string; namespace?: string; description?: string; groups?: string[] }): OfficialInstance => ({
    type: 'kestra_user',
    name,
    attributes: {
      id: user.id,
      username: user.email,
      email: user.email,
      namespace: user.namespace ?? '',
      description: user.description ?? '',
      first_name: user.firstName ?? '',
      last_name: user.lastName ?? '',
      groups: user.groups ?? [],
    },
  }),

  group: (name: string, group: { id: string; name: string; namespace?: string; description?: string }): OfficialInstance => ({
    type: 'kestra_group',
    name,
    attributes: { id: group.id, tenant_id: 'main', name: group.name, namespace: group.namespace ?? '', description: group.description ?? '' },
  }),

  /** One user in one group; its id is `<group_id>/<user_id>`. */
  userGroupMembership: (name: string, groupId: string, userId: string, dependencies: string[] = []): OfficialInstance => ({
    type: 'kestra_user_group_membership',
    name,
    dependencies,
    attributes: { id: `${groupId}/${userId}`, tenant_id: 'main', user_id: userId, group_id: groupId },
  }),

  /** Its id is the user's, as the password call answers; the password itself is in the state. */
  userPassword: (name: string, userId: string, password: string, dependencies: string[] = []): OfficialInstance => ({
    type: 'kestra_user_password',
    name,
    sensitive: ['password'],
    dependencies,
    attributes: { id: userId, user_id: userId, password },
  }),

  tenant: (name: string, tenant: OfficialTenant): OfficialInstance => ({
    type: 'kestra_tenant',
    name,
    attributes: {
      id: tenant.id,
      tenant_id: tenant.id,
      name: tenant.name ?? '',
      worker_group: tenant.workerGroup ? [tenant.workerGroup] : [],
      storage_type: tenant.storageType ?? '',
      storage_configuration: tenant.storageConfiguration ?? null,
      storage_isolation: tenant.storageIsolation ? [isolation(tenant.storageIsolation)] : [],
      secret_isolation: tenant.secretIsolation ? [isolation(tenant.secretIsolation)] : [],
      secret_type: tenant.secretType ?? '',
      secret_read_only: tenant.secretReadOnly ?? false,
      secret_configuration: tenant.secretConfiguration ?? null,
      require_existing_namespace: tenant.requireExistingNamespace ?? false,
      outputs_in_internal_storage: tenant.outputsInInternalStorage ?? false,
    },
  }),
};

interface OfficialTenant {
  id: string;
  name?: string;
  workerGroup?: { key: string; fallback: string };
  storageType?: string;
  storageConfiguration?: Record<string, string>;
  storageIsolation?: { enabled: boolean; deniedServices: string[] };
  secretIsolation?: { enabled: boolean; deniedServices: string[] };
  secretType?: string;
  secretReadOnly?: boolean;
  secretConfiguration?: Record<string, string>;
  requireExistingNamespace?: boolean;
  outputsInInternalStorage?: boolean;
}

const isolation = (i: { enabled: boolean; deniedServices: string[] }) => ({ enabled: i.enabled, denied_services: i.deniedServices });

function tokenAttributes(token: Token) {
  return { name: token.name, description: token.description, max_age: token.maxAge, extended: token.extended ?? false, full_token: token.fullToken };
}

const SDK_META = (version: number) => Buffer.from(version === 0 ? 'null' : JSON.stringify({ schema_version: String(version) })).toString('base64');

/** A terraform.tfstate (format 4, as Terraform 1.11 writes it) holding these instances of the official provider. */
export function officialState(instances: readonly OfficialInstance[]): string {
  return JSON.stringify(
    {
      version: 4,
      terraform_version: '1.11.4',
      serial: 12,
      lineage: '3f1c2b7a-5d4e-4c1b-9a8f-0e6d7c5b4a39',
      outputs: {},
      resources: instances.map((i) => ({
        mode: 'managed',
        type: i.type,
        name: i.name,
        provider: `provider["${OFFICIAL_PROVIDER}"]`,
        instances: [
          {
            schema_version: i.schemaVersion ?? 0,
            attributes: i.attributes,
            sensitive_attributes: (i.sensitive ?? []).map((attribute) => [{ type: 'get_attr', value: attribute }]),
            private: SDK_META(i.schemaVersion ?? 0),
            ...(i.dependencies?.length ? { dependencies: i.dependencies } : {}),
          },
        ],
      })),
      check_results: null,
    },
    null,
    2,
  );
}
