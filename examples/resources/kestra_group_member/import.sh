# A membership in a group of the provider's tenant:
terraform import kestra_group_member.ci_deploys <group_id>/<member_id>

# A membership in a group of another tenant:
terraform import kestra_group_member.ci_deploys <tenant_id>/<group_id>/<member_id>
