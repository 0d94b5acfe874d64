terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# Kestra 1.x actions: READ, CREATE, UPDATE, DELETE.
resource "kestra_role" "operator" {
  name        = "flow-operator"
  description = "Follows flows, starts and restarts executions"
  permissions = {
    FLOW      = ["READ"]
    EXECUTION = ["READ", "CREATE", "UPDATE"]
    NAMESPACE = ["READ"]
  }
}
