# An account's access to a tenant: the tenant, then the id of the user or service account.
terraform import kestra_tenant_access.deployer_in_analytics <tenant_id>/<service_account_id>
