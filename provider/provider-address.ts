/** The registry address Terraform knows this provider by. A leaf module, so that anything may import it without a cycle. */
export const PROVIDER_ADDRESS = 'registry.terraform.io/kestra-iam/kestra';
