# A tenant by its id:
terraform import kestra_tenant.team2 <id>
