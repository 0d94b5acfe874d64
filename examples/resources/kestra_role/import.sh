# A role of the provider's tenant, by id:
terraform import kestra_role.operator <id>

# A role of another tenant:
terraform import kestra_role.operator <tenant_id>/<id>
