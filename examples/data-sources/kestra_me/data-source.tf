terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# Who this configuration runs as: for example, refuse to go on without a superadmin.
data "kestra_me" "current" {
  lifecycle {
    postcondition {
      condition     = self.super_admin
      error_message = "This configuration manages users and needs a superadmin."
    }
  }
}

output "running_as" {
  value = data.kestra_me.current.username
}
