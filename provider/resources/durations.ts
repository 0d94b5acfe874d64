import { JAVA_DURATION_RULE, isPositiveJavaDuration, parseJavaDurationMillis } from '../../common/java-duration.js';
import type { PlanModifier } from '../framework/plan-modifier.js';
import { satisfies } from '../framework/validators/string-validators.js';

export const positiveDuration = satisfies(isPositiveJavaDuration, `a positive ${JAVA_DURATION_RULE}`);

/**
 * `P1D` and `PT24H` are the same duration: when the configuration spells the stored value differently, plan
 * the stored spelling, so no diff (and no replacement) appears. Terraform allows a plan to keep a prior value
 * that is functionally equal to the configuration.
 */
export function sameDurationKeepsState(): PlanModifier {
  return {
    description: 'Equal durations written differently are not a change.',
    modify(req, resp) {
      if (typeof req.configValue !== 'string' || typeof req.stateValue !== 'string') return;
      const configured = parseJavaDurationMillis(req.configValue);
      if (configured !== undefined && configured === parseJavaDurationMillis(req.stateValue)) resp.planValue = req.stateValue;
    },
  };
}

/** A duration as the server computes it back (from expiry minus issue time), in seconds: `PT2592000S`. */
export function durationFromMillis(ms: number): string {
  return `PT${Math.round(ms / 1000)}S`;
}
