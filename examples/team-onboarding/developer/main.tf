# Run by an engineer, signed in with their own password: a token of their own, made through their profile
# (no superadmin needed), so what they automate is audited under their name. KESTRA_URL gives the server.
terraform {
  required_version = ">= 1.11"
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

variable "email" {
  type = string
}

variable "password" {
  type      = string
  sensitive = true
  ephemeral = true
}

provider "kestra" {
  tenant_id = "data-team"
  username  = var.email
  password  = var.password
}

resource "kestra_api_token" "laptop" {
  owner   = "me"
  name    = "laptop"
  max_age = "P30D"
}

output "token" {
  description = "terraform output -raw token"
  value       = kestra_api_token.laptop.token
  sensitive   = true
}
