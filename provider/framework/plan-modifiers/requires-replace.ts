import type { PlanModifier, PlanModifyRequest } from '../plan-modifier.js';

/** Replaces the resource when the attribute's value changes and `condition` holds. */
export function requiresReplaceIf(condition: (req: PlanModifyRequest) => boolean, description: string): PlanModifier {
  return {
    description,
    modify(req, resp) {
      // On create there is nothing to replace.
      if (req.state === null) return;
      if (condition(req)) resp.requiresReplace = true;
    },
  };
}

/** Any change of the attribute replaces the resource: the server cannot update it in place. */
export function requiresReplace(): PlanModifier {
  return requiresReplaceIf(() => true, 'Changing this value replaces the resource.');
}
