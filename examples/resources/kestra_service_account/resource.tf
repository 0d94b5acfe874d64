terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# A machine identity for a CI/CD pipeline; grant it a role with kestra_role_binding.
resource "kestra_service_account" "deployer" {
  name        = "flow-deployer"
  description = "Deploys flows from the CI/CD pipeline"
}

# A superadmin of the whole instance, for automation that manages tenants.
resource "kestra_service_account" "platform" {
  name        = "platform-automation"
  description = "Manages tenants and IAM"
  super_admin = true
}
