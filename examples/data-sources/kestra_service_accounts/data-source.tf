terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_service_account" "ci_build" {
  name = "ci-build"
}

resource "kestra_service_account" "ci_deploy" {
  name = "ci-deploy"
}

# Every CI account of the tenant, for example to audit their tokens.
data "kestra_service_accounts" "ci" {
  name_contains = "ci-"
  depends_on    = [kestra_service_account.ci_build, kestra_service_account.ci_deploy]
}

output "ci_accounts" {
  value = { for sa in data.kestra_service_accounts.ci.service_accounts : sa.name => sa.id }
}
