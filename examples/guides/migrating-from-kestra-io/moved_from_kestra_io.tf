# Written by `npm run migrate`: the official provider (kestra-io/kestra) types this provider renamed.
# Terraform moves each state once; keep this file until every workspace of this configuration has applied.

moved {
  from = kestra_binding.ci_bot
  to   = kestra_role_binding.ci_bot
}

moved {
  from = kestra_binding.jane
  to   = kestra_role_binding.jane
}

moved {
  from = kestra_binding.platform
  to   = kestra_role_binding.platform
}

moved {
  from = kestra_service_account_api_token.ci_bot
  to   = kestra_api_token.ci_bot
}

moved {
  from = kestra_user_api_token.jane
  to   = kestra_api_token.jane
}

moved {
  from = kestra_user_group_membership.jane_platform
  to   = kestra_group_member.jane_platform
}
