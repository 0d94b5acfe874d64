terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_service_account" "reporter" {
  name        = "sales-reporter"
  description = "Builds the sales reports"
}

resource "kestra_role" "report_runner" {
  name = "report-runner"
  permissions = {
    FLOW      = ["READ"]
    EXECUTION = ["READ", "CREATE"]
  }
}

resource "kestra_role" "sales_flow_editor" {
  name = "sales-flow-editor"
  permissions = {
    FLOW = ["READ", "CREATE", "UPDATE", "DELETE"]
  }
}

# Tenant-wide: the role applies to every namespace.
resource "kestra_role_binding" "reporter" {
  role_id            = kestra_role.report_runner.id
  service_account_id = kestra_service_account.reporter.id
}

# Namespace-scoped: full flow access, but only in company.sales and its child namespaces.
resource "kestra_role_binding" "reporter_sales_flows" {
  role_id            = kestra_role.sales_flow_editor.id
  service_account_id = kestra_service_account.reporter.id
  namespace          = "company.sales"
}
