# A service account of the provider's tenant, by id:
terraform import kestra_service_account.deployer <id>

# A service account of another tenant:
terraform import kestra_service_account.deployer <tenant_id>/<id>
