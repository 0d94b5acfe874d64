# A binding of the provider's tenant, by id:
terraform import kestra_role_binding.reporter <id>

# A binding of another tenant:
terraform import kestra_role_binding.reporter <tenant_id>/<id>
