terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_service_account" "ci" {
  name = "ci-runner"
}

resource "kestra_api_token" "ci" {
  service_account_id = kestra_service_account.ci.id
  name               = "ci-pipeline"
  description        = "Used by the CI/CD pipeline"

  # Valid for 90 days; the first plan in the last 14 days replaces it. rotate_before is a planning window:
  # adding or changing it never replaces the token by itself.
  max_age       = "P90D"
  rotate_before = "P14D"

  # Change a value to issue a new token at any time, for example after a leak.
  keepers = {
    rotation = "2026-01"
  }

  # The new token exists before the old one is revoked.
  lifecycle {
    create_before_destroy = true
  }
}

# A token of the identity the provider is authenticated as, made through its own profile: a regular user
# authenticated with their own password may do this, no superadmin needed; its actions are audited under their name.
resource "kestra_api_token" "mine" {
  owner   = "me"
  name    = "terraform-laptop"
  max_age = "P30D"
}

output "ci_token" {
  description = "Send as `Authorization: Bearer <token>`; read it with `terraform output -raw ci_token`."
  value       = kestra_api_token.ci.token
  sensitive   = true
}
