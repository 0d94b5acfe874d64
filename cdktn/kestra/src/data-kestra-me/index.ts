// https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/me
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface DataKestraMeConfig extends cdktn.TerraformMetaArguments {
}

/**
* Represents a {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/me kestra_me}
*/
export class DataKestraMe extends cdktn.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "kestra_me";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a DataKestraMe resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataKestraMe to import
  * @param importFromId The id of the existing DataKestraMe that should be imported. Refer to the {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/me#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataKestraMe to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "kestra_me", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/data-sources/me kestra_me} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataKestraMeConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataKestraMeConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'kestra_me',
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
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // email - computed: true, optional: false, required: false
  public get email() {
    return this.getStringAttribute('email');
  }

  // first_name - computed: true, optional: false, required: false
  public get firstName() {
    return this.getStringAttribute('first_name');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
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

  // username - computed: true, optional: false, required: false
  public get username() {
    return this.getStringAttribute('username');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
    };
    return attrs;
  }
}
