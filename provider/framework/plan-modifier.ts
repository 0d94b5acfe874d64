import type { AttributePath } from './path.js';
import type { Planned } from './values.js';

export interface PlanModifyRequest<T> {
  readonly path: AttributePath;
  /** The configured value; unknown when it depends on another resource. */
  readonly config: Planned<T>;
  /** The prior state's value; null on create and when the prior value is null. */
  readonly state: T | null;
  /** True when the resource is being created: there is no prior state. */
  readonly creating: boolean;
  /**
   * True while the prior state comes from an import and no apply has happened since: values only Terraform
   * keeps (the server has no such field) could not be recovered, so the prior state holds null for them.
   */
  readonly imported: boolean;
}

export interface PlanModifyResponse<T> {
  /** The value planned so far (Terraform's proposal, the default, earlier modifiers); assign to change it. */
  plan: Planned<T>;
  requiresReplace: boolean;
}

/** Adjusts one attribute's planned value, typed like the attribute. Runs for creates and updates, never for destroys. */
export interface PlanModifier<T> {
  readonly description: string;
  modify(req: PlanModifyRequest<T>, resp: PlanModifyResponse<T>): void;
}
