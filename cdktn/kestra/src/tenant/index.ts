// https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface TenantConfig extends cdktn.TerraformMetaArguments {
  /**
  * Id of the tenant, also its import id: lowercase letters, digits, `_` and `-`. Changing it replaces the tenant.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#id Tenant#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id: string;
  /**
  * Display name of the tenant.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#name Tenant#name}
  */
  readonly name: string;
  /**
  * Whether task outputs are kept in internal storage instead of the database. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#outputs_in_internal_storage Tenant#outputs_in_internal_storage}
  */
  readonly outputsInInternalStorage?: boolean | cdktn.IResolvable;
  /**
  * Whether flows may only be created in namespaces that exist already. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#require_existing_namespace Tenant#require_existing_namespace}
  */
  readonly requireExistingNamespace?: boolean | cdktn.IResolvable;
  /**
  * Configuration of the tenant's secret manager (address, token…) as a JSON object, written with `jsonencode`. Sensitive: it often holds credentials.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#secret_configuration Tenant#secret_configuration}
  */
  readonly secretConfiguration?: string;
  /**
  * Isolation of the tenant's secrets from some Kestra services. Unset: none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#secret_isolation Tenant#secret_isolation}
  */
  readonly secretIsolation?: TenantSecretIsolation;
  /**
  * Whether the tenant's secret manager is read-only. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#secret_read_only Tenant#secret_read_only}
  */
  readonly secretReadOnly?: boolean | cdktn.IResolvable;
  /**
  * Secret manager type of the tenant (for example `vault`); unset: the instance's.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#secret_type Tenant#secret_type}
  */
  readonly secretType?: string;
  /**
  * Configuration of the tenant's storage (bucket, region, keys…) as a JSON object, for example `jsonencode({ bucket = "flows" })`; the same object written differently is no change. Sensitive: it often holds credentials.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#storage_configuration Tenant#storage_configuration}
  */
  readonly storageConfiguration?: string;
  /**
  * Isolation of the tenant's storage from some Kestra services. Unset: none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#storage_isolation Tenant#storage_isolation}
  */
  readonly storageIsolation?: TenantStorageIsolation;
  /**
  * Internal storage type of the tenant (for example `s3`); unset: the instance's.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#storage_type Tenant#storage_type}
  */
  readonly storageType?: string;
  /**
  * Worker group the tenant's tasks run on by default (Kestra 1.x `workerGroup`). Unset: any worker.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#worker_group Tenant#worker_group}
  */
  readonly workerGroup?: TenantWorkerGroup;
}
export interface TenantSecretIsolation {
  /**
  * Kestra services denied access to the tenant's secrets: `EXECUTOR`, `INDEXER`, `SCHEDULER`, `WEBSERVER`, `WORKER` (and `CONTROLLER` from 2.0). Defaults to none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#denied_services Tenant#denied_services}
  */
  readonly deniedServices?: string[];
  /**
  * Whether the secrets isolation is on. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#enabled Tenant#enabled}
  */
  readonly enabled?: boolean | cdktn.IResolvable;
}

export function tenantSecretIsolationToTerraform(struct?: TenantSecretIsolation | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    denied_services: cdktn.listMapper(cdktn.stringToTerraform, false)(struct!.deniedServices),
    enabled: cdktn.booleanToTerraform(struct!.enabled),
  }
}


export function tenantSecretIsolationToHclTerraform(struct?: TenantSecretIsolation | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    denied_services: {
      value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(struct!.deniedServices),
      isBlock: false,
      type: "set",
      storageClassType: "stringList",
    },
    enabled: {
      value: cdktn.booleanToHclTerraform(struct!.enabled),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class TenantSecretIsolationOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): TenantSecretIsolation | cdktn.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._deniedServices !== undefined) {
      hasAnyValues = true;
      internalValueResult.deniedServices = this._deniedServices;
    }
    if (this._enabled !== undefined) {
      hasAnyValues = true;
      internalValueResult.enabled = this._enabled;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: TenantSecretIsolation | cdktn.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._deniedServices = undefined;
      this._enabled = undefined;
    }
    else if (cdktn.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._deniedServices = value.deniedServices;
      this._enabled = value.enabled;
    }
  }

  // denied_services - computed: true, optional: true, required: false
  private _deniedServices?: string[]; 
  public get deniedServices() {
    return cdktn.Fn.tolist(this.getListAttribute('denied_services'));
  }
  public set deniedServices(value: string[]) {
    this._deniedServices = value;
  }
  public resetDeniedServices() {
    this._deniedServices = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deniedServicesInput() {
    return this._deniedServices;
  }

  // enabled - computed: true, optional: true, required: false
  private _enabled?: boolean | cdktn.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktn.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }
}
export interface TenantStorageIsolation {
  /**
  * Kestra services denied access to the tenant's storage: `EXECUTOR`, `INDEXER`, `SCHEDULER`, `WEBSERVER`, `WORKER` (and `CONTROLLER` from 2.0). Defaults to none.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#denied_services Tenant#denied_services}
  */
  readonly deniedServices?: string[];
  /**
  * Whether the storage isolation is on. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#enabled Tenant#enabled}
  */
  readonly enabled?: boolean | cdktn.IResolvable;
}

export function tenantStorageIsolationToTerraform(struct?: TenantStorageIsolation | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    denied_services: cdktn.listMapper(cdktn.stringToTerraform, false)(struct!.deniedServices),
    enabled: cdktn.booleanToTerraform(struct!.enabled),
  }
}


export function tenantStorageIsolationToHclTerraform(struct?: TenantStorageIsolation | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    denied_services: {
      value: cdktn.listMapperHcl(cdktn.stringToHclTerraform, false)(struct!.deniedServices),
      isBlock: false,
      type: "set",
      storageClassType: "stringList",
    },
    enabled: {
      value: cdktn.booleanToHclTerraform(struct!.enabled),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class TenantStorageIsolationOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): TenantStorageIsolation | cdktn.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._deniedServices !== undefined) {
      hasAnyValues = true;
      internalValueResult.deniedServices = this._deniedServices;
    }
    if (this._enabled !== undefined) {
      hasAnyValues = true;
      internalValueResult.enabled = this._enabled;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: TenantStorageIsolation | cdktn.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._deniedServices = undefined;
      this._enabled = undefined;
    }
    else if (cdktn.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._deniedServices = value.deniedServices;
      this._enabled = value.enabled;
    }
  }

  // denied_services - computed: true, optional: true, required: false
  private _deniedServices?: string[]; 
  public get deniedServices() {
    return cdktn.Fn.tolist(this.getListAttribute('denied_services'));
  }
  public set deniedServices(value: string[]) {
    this._deniedServices = value;
  }
  public resetDeniedServices() {
    this._deniedServices = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deniedServicesInput() {
    return this._deniedServices;
  }

  // enabled - computed: true, optional: true, required: false
  private _enabled?: boolean | cdktn.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktn.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }
}
export interface TenantWorkerGroup {
  /**
  * What a task does when no worker of the group is up: `FAIL`, `WAIT` or `CANCEL`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#fallback Tenant#fallback}
  */
  readonly fallback: string;
  /**
  * Key of the worker group that runs the tenant's tasks.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#key Tenant#key}
  */
  readonly key: string;
}

export function tenantWorkerGroupToTerraform(struct?: TenantWorkerGroup | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    fallback: cdktn.stringToTerraform(struct!.fallback),
    key: cdktn.stringToTerraform(struct!.key),
  }
}


export function tenantWorkerGroupToHclTerraform(struct?: TenantWorkerGroup | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    fallback: {
      value: cdktn.stringToHclTerraform(struct!.fallback),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    key: {
      value: cdktn.stringToHclTerraform(struct!.key),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class TenantWorkerGroupOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): TenantWorkerGroup | cdktn.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._fallback !== undefined) {
      hasAnyValues = true;
      internalValueResult.fallback = this._fallback;
    }
    if (this._key !== undefined) {
      hasAnyValues = true;
      internalValueResult.key = this._key;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: TenantWorkerGroup | cdktn.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._fallback = undefined;
      this._key = undefined;
    }
    else if (cdktn.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._fallback = value.fallback;
      this._key = value.key;
    }
  }

  // fallback - computed: false, optional: false, required: true
  private _fallback?: string; 
  public get fallback() {
    return this.getStringAttribute('fallback');
  }
  public set fallback(value: string) {
    this._fallback = value;
  }
  // Temporarily expose input value. Use with caution.
  public get fallbackInput() {
    return this._fallback;
  }

  // key - computed: false, optional: false, required: true
  private _key?: string; 
  public get key() {
    return this.getStringAttribute('key');
  }
  public set key(value: string) {
    this._key = value;
  }
  // Temporarily expose input value. Use with caution.
  public get keyInput() {
    return this._key;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant kestra_tenant}
*/
export class Tenant extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "kestra_tenant";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a Tenant resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Tenant to import
  * @param importFromId The id of the existing Tenant that should be imported. Refer to the {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Tenant to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "kestra_tenant", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/kestra-iam/kestra/0.1.0/docs/resources/tenant kestra_tenant} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options TenantConfig
  */
  public constructor(scope: Construct, id: string, config: TenantConfig) {
    super(scope, id, {
      terraformResourceType: 'kestra_tenant',
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
    this._id = config.id;
    this._name = config.name;
    this._outputsInInternalStorage = config.outputsInInternalStorage;
    this._requireExistingNamespace = config.requireExistingNamespace;
    this._secretConfiguration = config.secretConfiguration;
    this._secretIsolation.internalValue = config.secretIsolation;
    this._secretReadOnly = config.secretReadOnly;
    this._secretType = config.secretType;
    this._storageConfiguration = config.storageConfiguration;
    this._storageIsolation.internalValue = config.storageIsolation;
    this._storageType = config.storageType;
    this._workerGroup.internalValue = config.workerGroup;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: false, optional: false, required: true
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
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

  // outputs_in_internal_storage - computed: true, optional: true, required: false
  private _outputsInInternalStorage?: boolean | cdktn.IResolvable; 
  public get outputsInInternalStorage() {
    return this.getBooleanAttribute('outputs_in_internal_storage');
  }
  public set outputsInInternalStorage(value: boolean | cdktn.IResolvable) {
    this._outputsInInternalStorage = value;
  }
  public resetOutputsInInternalStorage() {
    this._outputsInInternalStorage = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get outputsInInternalStorageInput() {
    return this._outputsInInternalStorage;
  }

  // require_existing_namespace - computed: true, optional: true, required: false
  private _requireExistingNamespace?: boolean | cdktn.IResolvable; 
  public get requireExistingNamespace() {
    return this.getBooleanAttribute('require_existing_namespace');
  }
  public set requireExistingNamespace(value: boolean | cdktn.IResolvable) {
    this._requireExistingNamespace = value;
  }
  public resetRequireExistingNamespace() {
    this._requireExistingNamespace = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requireExistingNamespaceInput() {
    return this._requireExistingNamespace;
  }

  // secret_configuration - computed: false, optional: true, required: false
  private _secretConfiguration?: string; 
  public get secretConfiguration() {
    return this.getStringAttribute('secret_configuration');
  }
  public set secretConfiguration(value: string) {
    this._secretConfiguration = value;
  }
  public resetSecretConfiguration() {
    this._secretConfiguration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretConfigurationInput() {
    return this._secretConfiguration;
  }

  // secret_isolation - computed: false, optional: true, required: false
  private _secretIsolation = new TenantSecretIsolationOutputReference(this, "secret_isolation");
  public get secretIsolation() {
    return this._secretIsolation;
  }
  public putSecretIsolation(value: TenantSecretIsolation) {
    this._secretIsolation.internalValue = value;
  }
  public resetSecretIsolation() {
    this._secretIsolation.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretIsolationInput() {
    return this._secretIsolation.internalValue;
  }

  // secret_read_only - computed: true, optional: true, required: false
  private _secretReadOnly?: boolean | cdktn.IResolvable; 
  public get secretReadOnly() {
    return this.getBooleanAttribute('secret_read_only');
  }
  public set secretReadOnly(value: boolean | cdktn.IResolvable) {
    this._secretReadOnly = value;
  }
  public resetSecretReadOnly() {
    this._secretReadOnly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretReadOnlyInput() {
    return this._secretReadOnly;
  }

  // secret_type - computed: false, optional: true, required: false
  private _secretType?: string; 
  public get secretType() {
    return this.getStringAttribute('secret_type');
  }
  public set secretType(value: string) {
    this._secretType = value;
  }
  public resetSecretType() {
    this._secretType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretTypeInput() {
    return this._secretType;
  }

  // storage_configuration - computed: false, optional: true, required: false
  private _storageConfiguration?: string; 
  public get storageConfiguration() {
    return this.getStringAttribute('storage_configuration');
  }
  public set storageConfiguration(value: string) {
    this._storageConfiguration = value;
  }
  public resetStorageConfiguration() {
    this._storageConfiguration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storageConfigurationInput() {
    return this._storageConfiguration;
  }

  // storage_isolation - computed: false, optional: true, required: false
  private _storageIsolation = new TenantStorageIsolationOutputReference(this, "storage_isolation");
  public get storageIsolation() {
    return this._storageIsolation;
  }
  public putStorageIsolation(value: TenantStorageIsolation) {
    this._storageIsolation.internalValue = value;
  }
  public resetStorageIsolation() {
    this._storageIsolation.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storageIsolationInput() {
    return this._storageIsolation.internalValue;
  }

  // storage_type - computed: false, optional: true, required: false
  private _storageType?: string; 
  public get storageType() {
    return this.getStringAttribute('storage_type');
  }
  public set storageType(value: string) {
    this._storageType = value;
  }
  public resetStorageType() {
    this._storageType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storageTypeInput() {
    return this._storageType;
  }

  // worker_group - computed: false, optional: true, required: false
  private _workerGroup = new TenantWorkerGroupOutputReference(this, "worker_group");
  public get workerGroup() {
    return this._workerGroup;
  }
  public putWorkerGroup(value: TenantWorkerGroup) {
    this._workerGroup.internalValue = value;
  }
  public resetWorkerGroup() {
    this._workerGroup.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get workerGroupInput() {
    return this._workerGroup.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      id: cdktn.stringToTerraform(this._id),
      name: cdktn.stringToTerraform(this._name),
      outputs_in_internal_storage: cdktn.booleanToTerraform(this._outputsInInternalStorage),
      require_existing_namespace: cdktn.booleanToTerraform(this._requireExistingNamespace),
      secret_configuration: cdktn.stringToTerraform(this._secretConfiguration),
      secret_isolation: tenantSecretIsolationToTerraform(this._secretIsolation.internalValue),
      secret_read_only: cdktn.booleanToTerraform(this._secretReadOnly),
      secret_type: cdktn.stringToTerraform(this._secretType),
      storage_configuration: cdktn.stringToTerraform(this._storageConfiguration),
      storage_isolation: tenantStorageIsolationToTerraform(this._storageIsolation.internalValue),
      storage_type: cdktn.stringToTerraform(this._storageType),
      worker_group: tenantWorkerGroupToTerraform(this._workerGroup.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      id: {
        value: cdktn.stringToHclTerraform(this._id),
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
      outputs_in_internal_storage: {
        value: cdktn.booleanToHclTerraform(this._outputsInInternalStorage),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      require_existing_namespace: {
        value: cdktn.booleanToHclTerraform(this._requireExistingNamespace),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      secret_configuration: {
        value: cdktn.stringToHclTerraform(this._secretConfiguration),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      secret_isolation: {
        value: tenantSecretIsolationToHclTerraform(this._secretIsolation.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "TenantSecretIsolation",
      },
      secret_read_only: {
        value: cdktn.booleanToHclTerraform(this._secretReadOnly),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      secret_type: {
        value: cdktn.stringToHclTerraform(this._secretType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      storage_configuration: {
        value: cdktn.stringToHclTerraform(this._storageConfiguration),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      storage_isolation: {
        value: tenantStorageIsolationToHclTerraform(this._storageIsolation.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "TenantStorageIsolation",
      },
      storage_type: {
        value: cdktn.stringToHclTerraform(this._storageType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      worker_group: {
        value: tenantWorkerGroupToHclTerraform(this._workerGroup.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "TenantWorkerGroup",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
