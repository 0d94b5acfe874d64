# A user, by id (users belong to the instance, not to a tenant). The password cannot be imported:
# set password_wo and password_wo_version to send one.
terraform import kestra_user.ada <id>
