# Onboarding a team, run by the platform team as a superadmin (KESTRA_URL, KESTRA_USERNAME, KESTRA_PASSWORD):
# a tenant of its own, its engineers added by email, the team lead (already a Kestra user) found by email, a
# group holding the team's role in its namespace, and a service account for its pipeline with a token.
# Each engineer then makes a token for themself with ./developer, signed in with their own password.
terraform {
  required_version = ">= 1.11"
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

variable "engineers" {
  description = "Emails of the engineers to add to Kestra."
  type        = set(string)
  default     = ["dana@example.com", "eli@example.com"]
}

variable "team_lead_email" {
  description = "Email of the team lead, who already has a Kestra account."
  type        = string
  default     = "lead@example.com"
}

# The engineers' first password, changed at their first sign-in. Ephemeral: it never reaches plan or state.
variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "kestra_tenant" "data" {
  id                         = "data-team"
  name                       = "Data team"
  require_existing_namespace = true
}

resource "kestra_user" "engineer" {
  for_each            = var.engineers
  email               = each.key
  password_wo         = var.initial_password
  password_wo_version = 1
}

data "kestra_user" "lead" {
  email = var.team_lead_email
}

# Users live in the instance; these let them work in the team's tenant.
resource "kestra_tenant_access" "engineer" {
  for_each  = var.engineers
  tenant_id = kestra_tenant.data.id
  user_id   = kestra_user.engineer[each.key].id
}

resource "kestra_tenant_access" "lead" {
  tenant_id = kestra_tenant.data.id
  user_id   = data.kestra_user.lead.id
}

resource "kestra_group" "engineers" {
  tenant_id   = kestra_tenant.data.id
  name        = "data-engineers"
  description = "Engineers of the data team"
}

resource "kestra_group_member" "engineer" {
  for_each  = var.engineers
  tenant_id = kestra_group.engineers.tenant_id
  group_id  = kestra_group.engineers.id
  member_id = kestra_tenant_access.engineer[each.key].user_id
}

resource "kestra_group_member" "lead" {
  tenant_id  = kestra_group.engineers.tenant_id
  group_id   = kestra_group.engineers.id
  member_id  = kestra_tenant_access.lead.user_id
  membership = "OWNER"
}

# The pipeline's machine identity, a member of the group like the engineers.
resource "kestra_service_account" "pipeline" {
  tenant_id   = kestra_tenant.data.id
  name        = "data-pipeline"
  description = "Runs the data team's flows"
}

resource "kestra_group_member" "pipeline" {
  tenant_id = kestra_group.engineers.tenant_id
  group_id  = kestra_group.engineers.id
  member_id = kestra_service_account.pipeline.id
}

# The group may work on flows in the team's namespace (and below it), nowhere else.
resource "kestra_role" "flow_developer" {
  tenant_id   = kestra_tenant.data.id
  name        = "flow-developer"
  permissions = { FLOW = ["READ", "CREATE", "UPDATE"] }
}

resource "kestra_role_binding" "engineers" {
  tenant_id = kestra_tenant.data.id
  role_id   = kestra_role.flow_developer.id
  group_id  = kestra_group.engineers.id
  namespace = "company.data"
}

# The pipeline also runs executions there.
resource "kestra_role" "executor" {
  tenant_id   = kestra_tenant.data.id
  name        = "executor"
  permissions = { EXECUTION = ["CREATE", "READ"] }
}

resource "kestra_role_binding" "pipeline_executes" {
  tenant_id          = kestra_tenant.data.id
  role_id            = kestra_role.executor.id
  service_account_id = kestra_service_account.pipeline.id
  namespace          = "company.data"
}

resource "kestra_api_token" "pipeline" {
  tenant_id          = kestra_service_account.pipeline.tenant_id
  service_account_id = kestra_service_account.pipeline.id
  name               = "pipeline"
  max_age            = "P90D"
  rotate_before      = "P14D"

  lifecycle {
    create_before_destroy = true
  }
}

output "pipeline_token" {
  description = "For the pipeline's secret store: terraform output -raw pipeline_token."
  value       = kestra_api_token.pipeline.token
  sensitive   = true
}
