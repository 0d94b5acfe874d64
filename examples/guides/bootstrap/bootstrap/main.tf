# Step 1 of bootstrapping a Kestra instance: the service account Terraform itself uses from now on.
#
# The first apply authenticates as the instance's first superadmin, with Basic auth:
#   KESTRA_URL=https://kestra.example.com KESTRA_USERNAME=admin@example.com KESTRA_PASSWORD=... terraform apply
# Every later run of this configuration authenticates as the account it created:
#   KESTRA_URL=https://kestra.example.com KESTRA_API_TOKEN="$(terraform output -raw terraform_token)" terraform apply
terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

# Credentials from the environment only: Basic auth once, this account's token afterwards.
provider "kestra" {}

variable "token_rotation" {
  description = "Change to issue a new token for Terraform; the old one is revoked once the new one exists."
  type        = string
  default     = "1"
}

# A superadmin of the whole instance: it may create tenants, service accounts, roles and bindings. Flows and
# other tenant data need a role binding on top (see the platform configuration).
resource "kestra_service_account" "terraform" {
  name        = "terraform"
  description = "Terraform: manages IAM of this instance"
  super_admin = true
}

resource "kestra_api_token" "terraform" {
  service_account_id = kestra_service_account.terraform.id
  name               = "terraform"
  description        = "Used by Terraform and the GitOps pipeline"
  max_age            = "P90D"
  rotate_before      = "P30D"
  keepers            = { rotation = var.token_rotation }

  lifecycle {
    create_before_destroy = true
  }
}

output "terraform_service_account_id" {
  value = kestra_service_account.terraform.id
}

output "terraform_token" {
  description = "Store it in your secret store as KESTRA_API_TOKEN: `terraform output -raw terraform_token`."
  value       = kestra_api_token.terraform.token
  sensitive   = true
}
