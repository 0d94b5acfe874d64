# Zero-downtime token rotation: a stored token that replaces itself before it expires or on demand, the new
# token existing before the old one is revoked; and, where the consumer is Terraform itself, a token that lives
# for one run and is never stored at all.
terraform {
  required_version = ">= 1.10" # ephemeral resources
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

# KESTRA_URL, and KESTRA_API_TOKEN or KESTRA_USERNAME/KESTRA_PASSWORD.
provider "kestra" {}

variable "rotation" {
  description = "Change (for example in terraform.tfvars) to replace the CI token now, after a leak or a departure."
  type        = string
  default     = "2026-Q1"
}

resource "kestra_service_account" "ci" {
  name        = "ci-deployer"
  description = "Deploys flows from CI"
}

resource "kestra_role" "deployer" {
  name        = "deployer"
  permissions = { FLOW = ["READ", "CREATE", "UPDATE"], EXECUTION = ["READ", "CREATE"] }
}

resource "kestra_role_binding" "ci" {
  role_id            = kestra_role.deployer.id
  service_account_id = kestra_service_account.ci.id
}

# A token for a consumer outside Terraform (a CI secret): valid 30 days, replaced by the first plan in its last
# 7 days (rotate_before) or when var.rotation changes (keepers). create_before_destroy issues the new token
# before the old one is revoked, so publish the new value in the same pipeline run that applies.
resource "kestra_api_token" "ci" {
  service_account_id = kestra_service_account.ci.id
  name               = "ci"
  max_age            = "P30D"
  rotate_before      = "P7D"
  keepers            = { rotation = var.rotation }

  lifecycle {
    create_before_destroy = true
  }
}

output "ci_token" {
  value     = kestra_api_token.ci.token
  sensitive = true
}

output "ci_token_expires_at" {
  value = kestra_api_token.ci.expires_at
}

# A token Terraform itself consumes: minted when the run needs it, revoked when the run ends, never in plan or
# state, so there is nothing to rotate. Here the run manages roles as iam-bot (audited under its name) rather
# than as whoever runs Terraform.
resource "kestra_service_account" "iam_bot" {
  name        = "iam-bot"
  description = "Manages roles, one Terraform run at a time"
}

resource "kestra_role" "role_manager" {
  name        = "role-manager"
  permissions = { ROLE = ["READ", "CREATE", "UPDATE", "DELETE"], FLOW = ["READ"] }
}

resource "kestra_role_binding" "iam_bot" {
  role_id            = kestra_role.role_manager.id
  service_account_id = kestra_service_account.iam_bot.id
}

ephemeral "kestra_api_token" "iam_bot" {
  service_account_id = kestra_service_account.iam_bot.id
  max_age            = "PT15M" # expires even if the run is killed before it can revoke the token
  description        = "One Terraform run"
  depends_on         = [kestra_role_binding.iam_bot]
}

provider "kestra" {
  alias     = "iam_bot"
  api_token = ephemeral.kestra_api_token.iam_bot.token
}

resource "kestra_role" "flow_viewer" {
  provider    = kestra.iam_bot
  name        = "flow-viewer"
  permissions = { FLOW = ["READ"] }
}
