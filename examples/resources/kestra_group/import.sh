# A group of the provider's tenant, by id:
terraform import kestra_group.data_engineering <id>

# A group of another tenant:
terraform import kestra_group.data_engineering <tenant_id>/<id>
