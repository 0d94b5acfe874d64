// https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface ApiTokenConfig extends cdktn.TerraformMetaArguments {
  /**
  * Free-text description.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#description ApiToken#description}
  */
  readonly description?: string;
  /**
  * Push the expiry forward by `max_age` every time the token is used. Needs `max_age`. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#extended ApiToken#extended}
  */
  readonly extended?: boolean | cdktn.IResolvable;
  /**
  * Arbitrary values, kept only in Terraform: changing any of them creates a new token (rotation on demand, for example `{ rotation = "2026-Q4" }`). After an import, the first `keepers` are recorded without a new token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#keepers ApiToken#keepers}
  */
  readonly keepers?: { [key: string]: string };
  /**
  * Lifetime of the token as an ISO-8601 duration (`P30D`, `PT12H`); equal durations written differently (`P7D`, `PT168H`) are the same. The token never expires when unset.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#max_age ApiToken#max_age}
  */
  readonly maxAge?: string;
  /**
  * Name of the token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#name ApiToken#name}
  */
  readonly name: string;
  /**
  * `"me"`: the token belongs to the identity the provider is authenticated as, made through Kestra's own profile endpoint (`/api/v1/me/api-tokens`), so no superadmin is needed. Exactly one of `service_account_id`, `user_id` and `owner` must be set. The user is recorded: a plan authenticated as someone else fails rather than lose track of the token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#owner ApiToken#owner}
  */
  readonly owner?: string;
  /**
  * A planning window, kept only in Terraform: once the token expires within this duration (or has expired), the plan replaces it. An ISO-8601 duration shorter than `max_age`, for example `P7D`. Adding or changing it never replaces the token by itself. Without it, a plan only warns about an expired token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#rotate_before ApiToken#rotate_before}
  */
  readonly rotateBefore?: string;
  /**
  * Service account that owns the token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#service_account_id ApiToken#service_account_id}
  */
  readonly serviceAccountId?: string;
  /**
  * Tenant of a service-account token. When unset, the tenant the service account is in: the provider's `tenant_id` when the account is there, else the one tenant Kestra lists for it (this look-up needs a superadmin). Null for user tokens, which are instance-level. Changing it replaces the token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#tenant_id ApiToken#tenant_id}
  */
  readonly tenantId?: string;
  /**
  * User that owns the token; its actions are audited under the user's name. Creating a token for another user needs a superadmin.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#user_id ApiToken#user_id}
  */
  readonly userId?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token kestra_api_token}
*/
export class ApiToken extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "kestra_api_token";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a ApiToken resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ApiToken to import
  * @param importFromId The id of the existing ApiToken that should be imported. Refer to the {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ApiToken to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "kestra_api_token", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/api_token kestra_api_token} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ApiTokenConfig
  */
  public constructor(scope: Construct, id: string, config: ApiTokenConfig) {
    super(scope, id, {
      terraformResourceType: 'kestra_api_token',
      terraformGeneratorMetadata: {
        providerName: 'kestra',
        providerVersion: '0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._description = config.description;
    this._extended = config.extended;
    this._keepers = config.keepers;
    this._maxAge = config.maxAge;
    this._name = config.name;
    this._owner = config.owner;
    this._rotateBefore = config.rotateBefore;
    this._serviceAccountId = config.serviceAccountId;
    this._tenantId = config.tenantId;
    this._userId = config.userId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // description - computed: false, optional: true, required: false
  private _description?: string; 
  public get description() {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this._description = value;
  }
  public resetDescription() {
    this._description = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get descriptionInput() {
    return this._description;
  }

  // expired - computed: true, optional: false, required: false
  public get expired() {
    return this.getBooleanAttribute('expired');
  }

  // expires_at - computed: true, optional: false, required: false
  public get expiresAt() {
    return this.getStringAttribute('expires_at');
  }

  // extended - computed: true, optional: true, required: false
  private _extended?: boolean | cdktn.IResolvable; 
  public get extended() {
    return this.getBooleanAttribute('extended');
  }
  public set extended(value: boolean | cdktn.IResolvable) {
    this._extended = value;
  }
  public resetExtended() {
    this._extended = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get extendedInput() {
    return this._extended;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // issued_at - computed: true, optional: false, required: false
  public get issuedAt() {
    return this.getStringAttribute('issued_at');
  }

  // keepers - computed: false, optional: true, required: false
  private _keepers?: { [key: string]: string }; 
  public get keepers() {
    return this.getStringMapAttribute('keepers');
  }
  public set keepers(value: { [key: string]: string }) {
    this._keepers = value;
  }
  public resetKeepers() {
    this._keepers = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepersInput() {
    return this._keepers;
  }

  // last_used - computed: true, optional: false, required: false
  public get lastUsed() {
    return this.getStringAttribute('last_used');
  }

  // max_age - computed: false, optional: true, required: false
  private _maxAge?: string; 
  public get maxAge() {
    return this.getStringAttribute('max_age');
  }
  public set maxAge(value: string) {
    this._maxAge = value;
  }
  public resetMaxAge() {
    this._maxAge = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxAgeInput() {
    return this._maxAge;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // owner - computed: false, optional: true, required: false
  private _owner?: string; 
  public get owner() {
    return this.getStringAttribute('owner');
  }
  public set owner(value: string) {
    this._owner = value;
  }
  public resetOwner() {
    this._owner = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ownerInput() {
    return this._owner;
  }

  // prefix - computed: true, optional: false, required: false
  public get prefix() {
    return this.getStringAttribute('prefix');
  }

  // rotate_before - computed: false, optional: true, required: false
  private _rotateBefore?: string; 
  public get rotateBefore() {
    return this.getStringAttribute('rotate_before');
  }
  public set rotateBefore(value: string) {
    this._rotateBefore = value;
  }
  public resetRotateBefore() {
    this._rotateBefore = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rotateBeforeInput() {
    return this._rotateBefore;
  }

  // service_account_id - computed: false, optional: true, required: false
  private _serviceAccountId?: string; 
  public get serviceAccountId() {
    return this.getStringAttribute('service_account_id');
  }
  public set serviceAccountId(value: string) {
    this._serviceAccountId = value;
  }
  public resetServiceAccountId() {
    this._serviceAccountId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get serviceAccountIdInput() {
    return this._serviceAccountId;
  }

  // tenant_id - computed: true, optional: true, required: false
  private _tenantId?: string; 
  public get tenantId() {
    return this.getStringAttribute('tenant_id');
  }
  public set tenantId(value: string) {
    this._tenantId = value;
  }
  public resetTenantId() {
    this._tenantId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tenantIdInput() {
    return this._tenantId;
  }

  // token - computed: true, optional: false, required: false
  public get token() {
    return this.getStringAttribute('token');
  }

  // token_id - computed: true, optional: false, required: false
  public get tokenId() {
    return this.getStringAttribute('token_id');
  }

  // user_id - computed: false, optional: true, required: false
  private _userId?: string; 
  public get userId() {
    return this.getStringAttribute('user_id');
  }
  public set userId(value: string) {
    this._userId = value;
  }
  public resetUserId() {
    this._userId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get userIdInput() {
    return this._userId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      description: cdktn.stringToTerraform(this._description),
      extended: cdktn.booleanToTerraform(this._extended),
      keepers: cdktn.hashMapper(cdktn.stringToTerraform)(this._keepers),
      max_age: cdktn.stringToTerraform(this._maxAge),
      name: cdktn.stringToTerraform(this._name),
      owner: cdktn.stringToTerraform(this._owner),
      rotate_before: cdktn.stringToTerraform(this._rotateBefore),
      service_account_id: cdktn.stringToTerraform(this._serviceAccountId),
      tenant_id: cdktn.stringToTerraform(this._tenantId),
      user_id: cdktn.stringToTerraform(this._userId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      description: {
        value: cdktn.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      extended: {
        value: cdktn.booleanToHclTerraform(this._extended),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      keepers: {
        value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(this._keepers),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      max_age: {
        value: cdktn.stringToHclTerraform(this._maxAge),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktn.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      owner: {
        value: cdktn.stringToHclTerraform(this._owner),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      rotate_before: {
        value: cdktn.stringToHclTerraform(this._rotateBefore),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      service_account_id: {
        value: cdktn.stringToHclTerraform(this._serviceAccountId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tenant_id: {
        value: cdktn.stringToHclTerraform(this._tenantId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      user_id: {
        value: cdktn.stringToHclTerraform(this._userId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
