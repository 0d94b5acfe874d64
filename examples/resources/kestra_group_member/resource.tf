terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_group" "deployers" {
  name        = "deployers"
  description = "Deploys flows to production"
}

# `groups` is left unset: the account's memberships are managed one by one, by kestra_group_member.
resource "kestra_service_account" "ci" {
  name        = "ci-deployer"
  description = "The CI pipeline"
}

resource "kestra_group_member" "ci_deploys" {
  group_id  = kestra_group.deployers.id
  member_id = kestra_service_account.ci.id
}

# The group's owner manages its members.
resource "kestra_service_account" "release_manager" {
  name = "release-manager"
}

resource "kestra_group_member" "release_manager_owns" {
  group_id   = kestra_group.deployers.id
  member_id  = kestra_service_account.release_manager.id
  membership = "OWNER"
}
