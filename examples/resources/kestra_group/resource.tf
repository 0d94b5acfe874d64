terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# A team: bind roles to the group, then add people and machines with kestra_group_member.
resource "kestra_group" "data_engineering" {
  name        = "data-engineering"
  description = "Builds and runs the data pipelines"
}
