import type { TfObject, TfValue } from '../bridge/tftypes/value.js';
import type { AttributePath } from './path.js';

export interface PlanModifyRequest {
  path: AttributePath;
  configValue: TfValue;
  stateValue: TfValue;
  /** The value planned so far (by Terraform's proposal, defaults and earlier modifiers). */
  planValue: TfValue;
  /** The whole prior state; null when the resource is being created. */
  state: TfObject | null;
  config: TfObject;
}

export interface PlanModifyResponse {
  planValue: TfValue;
  requiresReplace: boolean;
}

/** Adjusts one attribute's planned value. Runs only for creates and updates, never for destroys. */
export interface PlanModifier {
  readonly description: string;
  modify(req: PlanModifyRequest, resp: PlanModifyResponse): void;
}
