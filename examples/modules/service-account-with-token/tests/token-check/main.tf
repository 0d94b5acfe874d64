# A helper for tests/emulator.tftest.hcl: reads the service account back through the API with its own token,
# which proves that the token authenticates and that the binding grants what the role says.
terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

variable "token" {
  type      = string
  sensitive = true
}

variable "service_account_id" {
  type = string
}

# KESTRA_URL from the environment; api_token wins over any KESTRA_USERNAME/KESTRA_PASSWORD there.
provider "kestra" {
  api_token = var.token
}

data "kestra_service_account" "self" {
  id = var.service_account_id
}

output "name" {
  value = data.kestra_service_account.self.name
}
