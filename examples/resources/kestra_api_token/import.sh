# A token's id is its import id: <tenant_id>/service-account/<service_account_id>/<token_id>, or
# user/<user_id>/<token_id>, or me/<token_id> for a token of the caller. Kestra shows a token's secret only once, so an imported token's `token` is null;
# replace the token (for example by changing `keepers`) to get a secret in state.
terraform import kestra_api_token.ci <id>

# A service account token, without its tenant: the tenant its service account is in.
terraform import kestra_api_token.ci service-account/<service_account_id>/<token_id>

# A user's token:
terraform import kestra_api_token.ci user/<user_id>/<token_id>

# The bare token id, as the official provider (kestra-io/kestra) imports tokens: the owner is looked up among the
# service accounts of the provider's tenant, then, with superadmin credentials, among the users.
terraform import kestra_api_token.ci <token_id>

# A token of the identity the provider is authenticated as:
terraform import kestra_api_token.mine me/<token_id>
