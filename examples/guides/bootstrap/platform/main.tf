# Step 2 of bootstrapping a Kestra instance: everything else, managed with the token of step 1. No password:
#   KESTRA_URL=https://kestra.example.com KESTRA_API_TOKEN=<the terraform_token output of step 1> terraform apply
terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_role" "developer" {
  name        = "developer"
  description = "Write flows and run them"
  permissions = { FLOW = ["READ", "CREATE", "UPDATE", "DELETE"], EXECUTION = ["READ", "CREATE", "UPDATE"] }
}

resource "kestra_role" "viewer" {
  name        = "viewer"
  description = "Read flows and executions"
  permissions = { FLOW = ["READ"], EXECUTION = ["READ"] }
}

# The pipeline that deploys the team's flows, limited to the team's namespace.
resource "kestra_service_account" "team_deployer" {
  name        = "team-deployer"
  description = "Deploys company.team flows from CI"
}

resource "kestra_role_binding" "team_deployer" {
  role_id            = kestra_role.developer.id
  service_account_id = kestra_service_account.team_deployer.id
  namespace          = "company.team"
}

resource "kestra_api_token" "team_deployer" {
  service_account_id = kestra_service_account.team_deployer.id
  name               = "ci"
  max_age            = "P30D"
  rotate_before      = "P7D"

  lifecycle {
    create_before_destroy = true
  }
}

output "team_deployer_token" {
  value     = kestra_api_token.team_deployer.token
  sensitive = true
}
