variable "name" {
  description = "Name of the service account, also the prefix of its role and token names."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,62}$", var.name))
    error_message = "name must be 2 to 63 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "description" {
  description = "What the service account is for."
  type        = string
  default     = null
}

variable "permissions" {
  description = "What the account may do: permission type to actions, as kestra_role takes them."
  type        = map(set(string))
}

variable "namespace" {
  description = "Limit the grant to this namespace (and its children); the whole tenant when null."
  type        = string
  default     = null
}

variable "token_max_age" {
  description = "Lifetime of the token (ISO-8601 duration)."
  type        = string
  default     = "P90D"
}

variable "token_rotate_before" {
  description = "Replace the token once it is this close to its expiry (ISO-8601 duration)."
  type        = string
  default     = "P14D"
}

variable "rotation" {
  description = "Change to issue a new token now (the old one is revoked after the new one exists)."
  type        = string
  default     = "1"
}
