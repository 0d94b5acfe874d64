# The IAM of one team, kept in Git and applied by .github/workflows/kestra-iam.yml: plan on every pull request,
# apply on merge to main, then the deployer's token published to the secrets of the repository that deploys the
# team's flows.
terraform {
  required_providers {
    kestra = {
      source  = "kestra-iam/kestra"
      version = "~> 0.1"
    }
  }
}

# KESTRA_URL and KESTRA_API_TOKEN come from the workflow: the bootstrap token (see the bootstrapping guide).
provider "kestra" {}

resource "kestra_role" "team_deployer" {
  name        = "team-deployer"
  description = "Deploy and run the team's flows"
  permissions = { FLOW = ["READ", "CREATE", "UPDATE", "DELETE"], EXECUTION = ["READ", "CREATE"] }
}

resource "kestra_service_account" "team_deployer" {
  name        = "team-flows-ci"
  description = "CI of the team's flows repository"
}

resource "kestra_role_binding" "team_deployer" {
  role_id            = kestra_role.team_deployer.id
  service_account_id = kestra_service_account.team_deployer.id
  namespace          = "company.team"
}

# Replaced a week before it expires, and published again by the same workflow run.
resource "kestra_api_token" "team_deployer" {
  service_account_id = kestra_service_account.team_deployer.id
  name               = "flows-ci"
  max_age            = "P30D"
  rotate_before      = "P7D"

  lifecycle {
    create_before_destroy = true
  }
}

output "deployer_token" {
  description = "Published by the workflow to the flows repository as the KESTRA_API_TOKEN secret."
  value       = kestra_api_token.team_deployer.token
  sensitive   = true
}
