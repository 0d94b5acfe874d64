terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

# Pass the password with TF_VAR_initial_password: an ephemeral variable's value never reaches the plan or the
# state. (The default only lets the example run as it is; a default is part of the configuration.)
variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
  default   = "change-me-at-first-sign-in"
}

resource "kestra_group" "analysts" {
  name = "analysts"
}

# The password is write-only: bump password_wo_version to send a new one.
resource "kestra_user" "ada" {
  email               = "ada@example.com"
  first_name          = "Ada"
  last_name           = "Lovelace"
  password_wo         = var.initial_password
  password_wo_version = 1
}

# groups left unset on the user: memberships are added one by one.
resource "kestra_group_member" "ada_analyst" {
  group_id  = kestra_group.analysts.id
  member_id = kestra_user.ada.id
}

# A user whose groups are all declared here (authoritative).
resource "kestra_user" "grace" {
  email      = "grace@example.com"
  first_name = "Grace"
  groups     = [kestra_group.analysts.id]
}
