terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

# Tenants are instance-level: the provider must act as a superadmin.
provider "kestra" {}

# A tenant for a second team: its tasks run on the team's workers, its storage is kept away from the web server,
# and flows go only into namespaces that were created first.
resource "kestra_tenant" "team2" {
  id   = "team2"
  name = "Team 2"

  worker_group = {
    key      = "team2-workers"
    fallback = "WAIT"
  }

  storage_isolation = {
    denied_services = ["WEBSERVER"]
  }

  require_existing_namespace  = true
  outputs_in_internal_storage = true
}
