# The documented Kestra workflow, end to end: a service account for CI, a role that lets it deploy flows and
# start executions, the binding between them, and a 30-day API token that renews itself while it is used.
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

variable "token_rotation" {
  description = "Change this value to issue a new token (the old one is revoked once the new one exists)."
  type        = string
  default     = "1"
}

resource "kestra_service_account" "ci_bot" {
  name        = "ci-bot"
  description = "Deploys flows from the CI/CD pipeline"
}

resource "kestra_role" "flow_deployer" {
  name        = "flow-deployer"
  description = "Create and update flows, start and follow executions"
  permissions = {
    FLOW      = ["READ", "CREATE", "UPDATE"]
    EXECUTION = ["READ", "CREATE"]
  }
}

resource "kestra_role_binding" "ci_bot_deploys_flows" {
  role_id            = kestra_role.flow_deployer.id
  service_account_id = kestra_service_account.ci_bot.id
}

resource "kestra_api_token" "ci_bot" {
  service_account_id = kestra_service_account.ci_bot.id
  name               = "ci-pipeline"
  description        = "Used by the CI/CD pipeline"
  max_age            = "P30D"
  extended           = true
  keepers = {
    rotation = var.token_rotation
  }

  lifecycle {
    create_before_destroy = true
  }
}

output "service_account_id" {
  value = kestra_service_account.ci_bot.id
}

output "token_expires_at" {
  value = kestra_api_token.ci_bot.expires_at
}

output "ci_bot_token" {
  description = "Send as `Authorization: Bearer <token>`; read it with `terraform output -raw ci_bot_token`."
  value       = kestra_api_token.ci_bot.token
  sensitive   = true
}
