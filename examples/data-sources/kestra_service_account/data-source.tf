terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# Usually the account is managed elsewhere; this one exists so that the example runs on its own.
resource "kestra_service_account" "monitoring" {
  name        = "monitoring"
  description = "Reads execution metrics"
}

data "kestra_service_account" "monitoring" {
  name = "monitoring"

  depends_on = [kestra_service_account.monitoring]
}

output "monitoring_service_account_id" {
  value = data.kestra_service_account.monitoring.id
}
