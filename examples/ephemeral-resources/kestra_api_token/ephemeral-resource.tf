# Act as a service account for one run: the token is minted when Terraform opens it, revoked at the end of
# the run, and never written to plan or state. The service account "iam-bot", bound to a role that may
# manage roles (and grant FLOW READ), is set up separately, for example by the platform team.
terraform {
  required_version = ">= 1.10"
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}

# Credentials from KESTRA_URL and KESTRA_USERNAME/KESTRA_PASSWORD (or KESTRA_API_TOKEN).
provider "kestra" {}

data "kestra_service_account" "iam_bot" {
  name = "iam-bot"
}

ephemeral "kestra_api_token" "iam_bot" {
  service_account_id = data.kestra_service_account.iam_bot.id
  max_age            = "PT15M"
  description        = "One Terraform run"
}

# The same Kestra (KESTRA_URL), authenticated as the service account.
provider "kestra" {
  alias     = "iam_bot"
  api_token = ephemeral.kestra_api_token.iam_bot.token
}

resource "kestra_role" "made_by_iam_bot" {
  provider    = kestra.iam_bot
  name        = "flow-viewer"
  description = "Created by iam-bot"
  permissions = {
    FLOW = ["READ"]
  }
}
