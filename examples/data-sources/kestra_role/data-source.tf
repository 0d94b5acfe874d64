terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# A built-in role, managed by Kestra.
data "kestra_role" "viewer" {
  name = "Viewer"
}

resource "kestra_service_account" "dashboard" {
  name        = "dashboard"
  description = "Shows flows and executions on the office dashboard"
}

resource "kestra_role_binding" "dashboard_views" {
  role_id            = data.kestra_role.viewer.id
  service_account_id = kestra_service_account.dashboard.id
}

output "viewer_permissions" {
  value = data.kestra_role.viewer.permissions
}
