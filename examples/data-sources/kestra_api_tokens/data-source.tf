terraform {
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

provider "kestra" {}

resource "kestra_service_account" "backup" {
  name = "backup-runner"
}

resource "kestra_api_token" "backup" {
  service_account_id = kestra_service_account.backup.id
  name               = "nightly-backup"
  max_age            = "P30D"
}

# Metadata of every token of the account, for example to audit expiry dates.
data "kestra_api_tokens" "backup" {
  service_account_id = kestra_service_account.backup.id

  depends_on = [kestra_api_token.backup]
}

output "backup_token_expiry" {
  value = { for t in data.kestra_api_tokens.backup.tokens : t.name => t.expires_at }
}

# The tokens of the identity the provider is authenticated as (any user may list their own).
data "kestra_api_tokens" "mine" {
  owner = "me"
}

output "my_token_count" {
  value = length(data.kestra_api_tokens.mine.tokens)
}
