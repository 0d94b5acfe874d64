# A service account by id, in whichever tenant it is (outside the provider's tenant, the look-up needs a superadmin):
terraform import kestra_service_account.deployer <id>

# A service account of another tenant:
terraform import kestra_service_account.deployer <tenant_id>/<id>
