# Runs against a real Kestra (or the emulator): `terraform test -filter=tests/emulator.tftest.hcl` with KESTRA_URL
# and KESTRA_USERNAME/KESTRA_PASSWORD (or KESTRA_API_TOKEN) set. Every run applies; terraform test destroys
# what the runs created when the file is done.

variables {
  name        = "tftest-deployer"
  description = "Created by terraform test"
  # SERVICE_ACCOUNT READ lets tests/token-check read the account back with its own token.
  permissions = { FLOW = ["READ", "CREATE", "UPDATE"], SERVICE_ACCOUNT = ["READ"] }
}

run "creates_a_bound_account_with_a_working_token" {
  assert {
    condition     = kestra_role_binding.this.service_account_id == kestra_service_account.this.id && kestra_role_binding.this.role_id == kestra_role.this.id
    error_message = "The binding must grant the module's role to the module's service account."
  }
  assert {
    condition     = kestra_role.this.permissions == tomap({ FLOW = toset(["READ", "CREATE", "UPDATE"]), SERVICE_ACCOUNT = toset(["READ"]) })
    error_message = "The role must hold exactly the permissions asked for."
  }
  assert {
    condition     = length(nonsensitive(output.token)) > 0 && !kestra_api_token.this.expired
    error_message = "The token must be issued, with its secret, and valid."
  }
  assert {
    condition     = timecmp(output.token_expires_at, timeadd(plantimestamp(), "2136h")) > 0
    error_message = "A P90D token must expire in more than 89 days."
  }
}

run "rotates_the_token_on_demand_and_keeps_the_account" {
  variables {
    rotation = "2"
  }
  assert {
    condition     = output.token != run.creates_a_bound_account_with_a_working_token.token
    error_message = "A new rotation value must issue a new token."
  }
  assert {
    condition     = output.service_account_id == run.creates_a_bound_account_with_a_working_token.service_account_id
    error_message = "Rotating the token must not replace the service account."
  }
}

run "the_new_token_authenticates_as_the_account" {
  module {
    source = "./tests/token-check"
  }
  variables {
    token              = run.rotates_the_token_on_demand_and_keeps_the_account.token
    service_account_id = run.rotates_the_token_on_demand_and_keeps_the_account.service_account_id
  }
  assert {
    condition     = output.name == "tftest-deployer"
    error_message = "The token must read its own service account back."
  }
}

run "narrows_the_grant_to_a_namespace" {
  variables {
    rotation  = "2"
    namespace = "company.team"
  }
  assert {
    condition     = kestra_role_binding.this.namespace == "company.team"
    error_message = "The binding must be limited to the namespace."
  }
  assert {
    condition     = output.token == run.rotates_the_token_on_demand_and_keeps_the_account.token
    error_message = "Changing the grant must not touch the token."
  }
}
