terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_user" "ada" {
  email = "ada@analytics.example.com"
}

resource "kestra_user" "grace" {
  email = "grace@analytics.example.com"
}

# Everyone of the analytics domain, filtered by the server.
data "kestra_users" "analytics" {
  email_contains = "@analytics.example.com"
  depends_on     = [kestra_user.ada, kestra_user.grace]
}

output "analytics_emails" {
  value = data.kestra_users.analytics.users[*].email
}
