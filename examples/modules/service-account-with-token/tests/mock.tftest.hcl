# Needs no Kestra at all: `terraform test -filter=tests/mock.tftest.hcl`. The provider's schema is real, every
# API call is replaced by values made up from it (and the defaults below), so these runs check the module's own
# logic: names, wiring, validation.

mock_provider "kestra" {
  mock_resource "kestra_api_token" {
    defaults = {
      token   = "mock-secret"
      expired = false
    }
  }
}

variables {
  name        = "ci-bot"
  permissions = { FLOW = ["READ"] }
}

run "names_everything_after_the_account" {
  command = plan
  assert {
    condition     = kestra_role.this.name == "ci-bot-role" && kestra_api_token.this.name == "ci-bot-token"
    error_message = "The role and the token are named after the service account."
  }
  assert {
    condition     = kestra_api_token.this.max_age == "P90D" && kestra_api_token.this.rotate_before == "P14D"
    error_message = "By default the token lives 90 days and is replaced 14 days before it expires."
  }
  assert {
    condition     = kestra_role_binding.this.namespace == null
    error_message = "Without a namespace the grant is tenant-wide."
  }
}

run "wires_the_token_and_the_binding_to_the_account" {
  assert {
    condition     = kestra_api_token.this.service_account_id == kestra_service_account.this.id
    error_message = "The token must belong to the module's service account."
  }
  assert {
    condition     = kestra_role_binding.this.role_id == kestra_role.this.id && kestra_role_binding.this.service_account_id == kestra_service_account.this.id
    error_message = "The binding must grant the module's role to the module's service account."
  }
  assert {
    condition     = nonsensitive(output.token) == "mock-secret"
    error_message = "The token output is the token resource's secret."
  }
}

run "refuses_a_name_kestra_would_reject" {
  command = plan
  variables {
    name = "CI Bot"
  }
  expect_failures = [var.name]
}
