terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_user" "ada" {
  email      = "ada@example.com"
  first_name = "Ada"
}

# A person found by email, in any case (Kestra compares emails ignoring case).
data "kestra_user" "ada" {
  email      = "Ada@Example.com"
  depends_on = [kestra_user.ada]
}

resource "kestra_role" "auditor" {
  name        = "auditor"
  permissions = { AUDITLOG = ["READ"] }
}

resource "kestra_role_binding" "ada_audits" {
  role_id = kestra_role.auditor.id
  user_id = data.kestra_user.ada.id
}

output "ada_user_id" {
  value = data.kestra_user.ada.id
}
