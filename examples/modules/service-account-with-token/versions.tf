terraform {
  # mock_provider in tests/ needs Terraform 1.7 or later.
  required_version = ">= 1.7"
  required_providers {
    kestra = {
      source = "kestra-iam/kestra"
    }
  }
}
