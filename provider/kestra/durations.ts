import { JAVA_DURATION_RULE, isPositiveJavaDuration, parseJavaDurationMillis } from '../../common/java-duration.js';
import { satisfies, type PlanModifier } from '../framework/index.js';

export const positiveDuration = satisfies(isPositiveJavaDuration, `a positive ${JAVA_DURATION_RULE}`);

/**
 * `P1D` and `PT24H` are the same duration: when the configuration spells the stored value differently, plan
 * the stored spelling, so no diff (and no replacement) appears. Terraform allows a plan to keep a prior value
 * that is functionally equal to the configuration.
 */
export function sameDurationKeepsState(): PlanModifier<string> {
  return {
    description: 'Equal durations written differently are not a change.',
    modify(req, resp) {
      if (typeof req.config !== 'string' || req.state === null) return;
      const configured = parseJavaDurationMillis(req.config);
      if (configured !== undefined && configured === parseJavaDurationMillis(req.state)) resp.plan = req.state;
    },
  };
}

/** A duration as the server computes it back (from expiry minus issue time), in seconds: `PT2592000S`. */
export function durationFromMillis(ms: number): string {
  return `PT${Math.round(ms / 1000)}S`;
}
