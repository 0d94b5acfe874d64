// https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/user
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface DataKestraUserConfig extends cdktn.TerraformMetaArguments {
  /**
  * Email of the user, matched ignoring case; the state holds it as the server spells it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/user#email DataKestraUser#email}
  */
  readonly email?: string;
  /**
  * Id of the user. Exactly one of `id` and `email` must be set.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/user#id DataKestraUser#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/user kestra_user}
*/
export class DataKestraUser extends cdktn.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "kestra_user";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a DataKestraUser resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataKestraUser to import
  * @param importFromId The id of the existing DataKestraUser that should be imported. Refer to the {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/user#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataKestraUser to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "kestra_user", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/user kestra_user} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataKestraUserConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataKestraUserConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'kestra_user',
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
    this._email = config.email;
    this._id = config.id;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // email - computed: true, optional: true, required: false
  private _email?: string; 
  public get email() {
    return this.getStringAttribute('email');
  }
  public set email(value: string) {
    this._email = value;
  }
  public resetEmail() {
    this._email = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get emailInput() {
    return this._email;
  }

  // first_name - computed: true, optional: false, required: false
  public get firstName() {
    return this.getStringAttribute('first_name');
  }

  // groups - computed: true, optional: false, required: false
  public get groups() {
    return cdktn.Fn.tolist(this.getListAttribute('groups'));
  }

  // id - computed: true, optional: true, required: false
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  public resetId() {
    this._id = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
  }

  // last_name - computed: true, optional: false, required: false
  public get lastName() {
    return this.getStringAttribute('last_name');
  }

  // super_admin - computed: true, optional: false, required: false
  public get superAdmin() {
    return this.getBooleanAttribute('super_admin');
  }

  // tenants - computed: true, optional: false, required: false
  public get tenants() {
    return cdktn.Fn.tolist(this.getListAttribute('tenants'));
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      email: cdktn.stringToTerraform(this._email),
      id: cdktn.stringToTerraform(this._id),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      email: {
        value: cdktn.stringToHclTerraform(this._email),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      id: {
        value: cdktn.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
