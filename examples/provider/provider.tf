terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

# The connection comes from the environment: KESTRA_URL, and KESTRA_API_TOKEN or KESTRA_USERNAME and
# KESTRA_PASSWORD. Each setting can also be written here; keep secrets out of the configuration.
provider "kestra" {
  tenant_id = "main"
  timeout   = 30
}

# Any read checks the connection, for example the built-in Admin role.
data "kestra_role" "admin" {
  name = "Admin"
}

output "admin_role_id" {
  value = data.kestra_role.admin.id
}
