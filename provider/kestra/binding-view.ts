/** A role binding as the data sources show it: who holds which role where, with the service account told apart from a user. */
import type { ApiBindingDetail } from '../client/index.js';
import { computed, stringType } from '../framework/index.js';

export interface BindingView {
  id: string;
  role_id: string;
  role_name: string | null;
  service_account_id: string | null;
  user_id: string | null;
  group_id: string | null;
  namespace: string | null;
}

/** The computed attributes of a binding, shared by `kestra_role_binding` and the items of `kestra_role_bindings`. */
export const bindingViewAttributes = {
  role_id: computed(stringType, { description: 'Id of the role granted.' }),
  role_name: computed(stringType, { description: 'Name of the role granted.' }),
  service_account_id: computed(stringType, { description: 'Id of the service account that holds the role; null for a user or a group.' }),
  user_id: computed(stringType, { description: 'Id of the user that holds the role; null for a service account or a group.' }),
  group_id: computed(stringType, { description: 'Id of the group that holds the role; null for a user or a service account.' }),
  namespace: computed(stringType, { description: 'Namespace the binding is limited to (with its children); null when tenant-wide.' }),
};

/** Kestra binds service accounts as users (type USER); the bound user's type tells which one it is. */
export function bindingView(binding: ApiBindingDetail): BindingView {
  const user = binding.user ?? null;
  const isServiceAccount = user?.type === 'SERVICE_ACCOUNT';
  return {
    id: binding.id,
    role_id: binding.role.id,
    role_name: binding.role.name ?? null,
    service_account_id: user !== null && isServiceAccount ? user.id : null,
    user_id: user !== null && !isServiceAccount ? user.id : null,
    group_id: binding.group?.id ?? null,
    namespace: binding.namespace || null,
  };
}
