output "service_account_id" {
  description = "Id of the service account."
  value       = kestra_service_account.this.id
}

output "role_id" {
  description = "Id of the service account's role."
  value       = kestra_role.this.id
}

output "token" {
  description = "The API token; send as `Authorization: Bearer <token>`."
  value       = kestra_api_token.this.token
  sensitive   = true
}

output "token_expires_at" {
  description = "When the token expires (RFC 3339); a plan after `token_rotate_before` of that replaces it."
  value       = kestra_api_token.this.expires_at
}
