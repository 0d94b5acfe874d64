# The configuration of docs/guides/migrating-from-kestra-io.md once it uses this provider: the same service
# account, role, bindings and tokens that kestra-io/kestra managed, with the new source and the renamed types.
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

variable "platform_group_id" {
  description = "Id of the group `platform`, which this configuration does not manage."
  type        = string
}

variable "jane_user_id" {
  description = "Id of the user jane@example.com, which this configuration does not manage."
  type        = string
}

resource "kestra_service_account" "ci_bot" {
  name        = "ci-bot"
  description = "Deploys flows from CI"
  groups      = [var.platform_group_id]
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
  user_id   = var.jane_user_id
  namespace = "company.team"
}

# Was kestra_binding with type = "GROUP".
resource "kestra_role_binding" "platform" {
  role_id   = kestra_role.flow_deployer.id
  group_id  = var.platform_group_id
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
  user_id     = var.jane_user_id
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
