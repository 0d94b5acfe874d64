# State shared by every run of the workflow, locked while one runs (S3 lock files need Terraform 1.10 or later).
# The workflow reaches the bucket with the role of the AWS_STATE_ROLE_ARN repository variable (OIDC, no keys).
terraform {
  backend "s3" {
    bucket       = "example-terraform-state"
    key          = "kestra-iam/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
