import type { PlanModifier, PlanModifyRequest } from '../plan-modifier.js';

/** Replaces the resource when the attribute's value changes and `condition` holds. */
export function requiresReplaceIf<T>(condition: (req: PlanModifyRequest<T>) => boolean, description: string): PlanModifier<T> {
  return {
    description,
    modify(req, resp) {
      // On create there is nothing to replace.
      if (req.creating) return;
      if (condition(req)) resp.requiresReplace = true;
    },
  };
}

/** Any change of the attribute replaces the resource: the server cannot update it in place. */
export function requiresReplace<T>(): PlanModifier<T> {
  return requiresReplaceIf<T>(() => true, 'Changing this value replaces the resource.');
}
