terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_service_account" "reporter" {
  name = "reporter"
}

resource "kestra_role" "flow_reader" {
  name        = "flow-reader"
  permissions = { FLOW = ["READ"] }
}

resource "kestra_role_binding" "reporter" {
  role_id            = kestra_role.flow_reader.id
  service_account_id = kestra_service_account.reporter.id
  namespace          = "company.reports"
}

# A binding by id, for example one made by another team: who holds which role, and where.
data "kestra_role_binding" "reporter" {
  id = kestra_role_binding.reporter.id
}

output "reporter_binding" {
  value = {
    role_id   = data.kestra_role_binding.reporter.role_id
    holder    = data.kestra_role_binding.reporter.service_account_id
    namespace = data.kestra_role_binding.reporter.namespace
  }
}
