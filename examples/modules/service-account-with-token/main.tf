# A machine identity with exactly the permissions it needs and a token that rotates itself: a service account,
# its own role, the binding between them, and an API token replaced before it expires (or on demand) without
# a moment when the pipeline has no valid token.

resource "kestra_service_account" "this" {
  name        = var.name
  description = var.description
}

resource "kestra_role" "this" {
  name        = "${var.name}-role"
  description = "Permissions of the ${var.name} service account"
  permissions = var.permissions
}

resource "kestra_role_binding" "this" {
  role_id            = kestra_role.this.id
  service_account_id = kestra_service_account.this.id
  namespace          = var.namespace
}

resource "kestra_api_token" "this" {
  service_account_id = kestra_service_account.this.id
  name               = "${var.name}-token"
  max_age            = var.token_max_age
  rotate_before      = var.token_rotate_before
  keepers            = { rotation = var.rotation }

  lifecycle {
    create_before_destroy = true
  }
}
