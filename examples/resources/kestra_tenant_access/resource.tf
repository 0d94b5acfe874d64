terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_tenant" "analytics" {
  id   = "analytics"
  name = "Analytics"
}

# A service account of the provider's tenant that also deploys flows to the analytics tenant.
resource "kestra_service_account" "deployer" {
  name        = "analytics-deployer"
  description = "Deploys flows to the analytics tenant"
}

resource "kestra_tenant_access" "deployer_in_analytics" {
  tenant_id          = kestra_tenant.analytics.id
  service_account_id = kestra_service_account.deployer.id
}

# What the account may do there comes from a binding in that tenant; referring to the access makes it exist first.
resource "kestra_role" "flow_writer" {
  tenant_id   = kestra_tenant_access.deployer_in_analytics.tenant_id
  name        = "Flow writer"
  permissions = { FLOW = ["CREATE", "READ", "UPDATE", "DELETE"] }
}

resource "kestra_role_binding" "deployer_writes_flows" {
  tenant_id          = kestra_tenant_access.deployer_in_analytics.tenant_id
  role_id            = kestra_role.flow_writer.id
  service_account_id = kestra_tenant_access.deployer_in_analytics.service_account_id
}
