terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_group" "analysts" {
  name        = "analysts"
  description = "Reads flows and executions"
}

# A group found by its name, for example one created in the Kestra UI.
data "kestra_group" "analysts" {
  name       = kestra_group.analysts.name
  depends_on = [kestra_group.analysts]
}

output "analysts_group_id" {
  value = data.kestra_group.analysts.id
}
