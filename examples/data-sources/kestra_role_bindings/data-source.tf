terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_service_account" "etl" {
  name = "etl-runner"
}

resource "kestra_role" "flow_runner" {
  name        = "flow-runner"
  permissions = { FLOW = ["READ"], EXECUTION = ["CREATE", "READ"] }
}

resource "kestra_role_binding" "etl_sales" {
  role_id            = kestra_role.flow_runner.id
  service_account_id = kestra_service_account.etl.id
  namespace          = "company.sales"
}

resource "kestra_role_binding" "etl_finance" {
  role_id            = kestra_role.flow_runner.id
  service_account_id = kestra_service_account.etl.id
  namespace          = "company.finance"
}

# Every role the service account holds, in any namespace: an access review.
data "kestra_role_bindings" "etl" {
  service_account_id = kestra_service_account.etl.id

  depends_on = [kestra_role_binding.etl_sales, kestra_role_binding.etl_finance]
}

# Who may run flows in company.sales.
data "kestra_role_bindings" "sales_runners" {
  role_id   = kestra_role.flow_runner.id
  namespace = "company.sales"

  depends_on = [kestra_role_binding.etl_sales, kestra_role_binding.etl_finance]
}

output "etl_namespaces" {
  value = sort([for b in data.kestra_role_bindings.etl.bindings : b.namespace])
}

output "sales_runner_ids" {
  value = [for b in data.kestra_role_bindings.sales_runners.bindings : coalesce(b.service_account_id, b.user_id, b.group_id)]
}
