# The configuration of docs/guides/migrating-from-kestra-io.md once it uses this provider: the same user, group,
# membership, tenant, service account, role, bindings and tokens that kestra-io/kestra managed, with the new source
# and the renamed types.
# Credentials come from KESTRA_URL and KESTRA_USERNAME/KESTRA_PASSWORD (or KESTRA_API_TOKEN).

terraform {
  required_version = ">= 1.11"
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# kestra-io/kestra also stored `namespace` and `description`, which Kestra users do not have.
resource "kestra_user" "jane" {
  email      = "jane@example.com"
  first_name = "Jane"
  last_name  = "Doe"
  # kestra_user_password is taken out of the state: jane keeps her password. To set it from Terraform again, add
  # the write-only `password_wo` with a `password_wo_version`: no plan or state holds it.
}

resource "kestra_group" "platform" {
  name        = "platform"
  description = "Platform team"
}

# Was kestra_user_group_membership: `user_id` is now `member_id`.
resource "kestra_group_member" "jane_platform" {
  group_id  = kestra_group.platform.id
  member_id = kestra_user.jane.id
}

# kestra-io/kestra wrote `tenant_id` and `worker_group { }`, `storage_isolation { }` blocks; here the id is `id` and
# the blocks are objects (and a storage or secret configuration, a map there, is `jsonencode({ ... })`).
resource "kestra_tenant" "analytics" {
  id   = "analytics"
  name = "Analytics"
  worker_group = {
    key      = "analytics-workers"
    fallback = "WAIT"
  }
  storage_isolation = {
    denied_services = ["WEBSERVER"]
  }
  storage_type = "s3"
}

resource "kestra_service_account" "ci_bot" {
  name        = "ci-bot"
  description = "Deploys flows from CI"
  groups      = [kestra_group.platform.id]
}

# kestra-io/kestra wrote `permissions { type = "FLOW" permissions = [...] }` blocks; here they are one map.
resource "kestra_role" "flow_deployer" {
  name = "flow-deployer"
  permissions = {
    FLOW      = ["READ", "CREATE", "UPDATE"]
    EXECUTION = ["READ", "CREATE"]
  }
}

# Was kestra_binding with type = "USER" and external_id = the service account's id. Kestra binds service
# accounts as users: a former USER binding keeps `user_id`, a service account's too (`service_account_id`
# would name the same grantee, but the change replaces the binding).
resource "kestra_role_binding" "ci_bot" {
  role_id = kestra_role.flow_deployer.id
  user_id = kestra_service_account.ci_bot.id
}

# Was kestra_binding with type = "USER".
resource "kestra_role_binding" "jane" {
  role_id   = kestra_role.flow_deployer.id
  user_id   = kestra_user.jane.id
  namespace = "company.team"
}

# Was kestra_binding with type = "GROUP".
resource "kestra_role_binding" "platform" {
  role_id   = kestra_role.flow_deployer.id
  group_id  = kestra_group.platform.id
  namespace = "company.team"
}

# Was kestra_service_account_api_token: its secret `full_token` is now `token`, carried over unchanged.
resource "kestra_api_token" "ci_bot" {
  service_account_id = kestra_service_account.ci_bot.id
  name               = "ci"
  description        = "CI pipelines"
  max_age            = "P30D"
}

# Was kestra_user_api_token.
resource "kestra_api_token" "jane" {
  user_id     = kestra_user.jane.id
  name        = "jane-cli"
  description = "Jane's command line"
  max_age     = "PT12H"
}

output "ci_bot_token" {
  description = "The CI token, the same secret the pipelines already use."
  value       = kestra_api_token.ci_bot.token
  sensitive   = true
}

output "jane_token" {
  description = "Jane's token, the same secret as before the switch."
  value       = kestra_api_token.jane.token
  sensitive   = true
}
