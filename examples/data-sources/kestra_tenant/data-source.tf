terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# The tenant the provider works in; looking a tenant up needs a superadmin.
data "kestra_tenant" "main" {
  id = "main"
}

output "main_tenant_name" {
  value = data.kestra_tenant.main.name
}
