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

/**
 * For a value only Terraform keeps, whose change is a request for a new object (`keepers`): any change replaces
 * the resource, except after an import, which cannot know the value; the first value configured then is
 * recorded in place.
 */
export function requiresReplaceUnlessImported<T>(): PlanModifier<T> {
  return requiresReplaceIf<T>((req) => !req.imported, 'Changing this value replaces the resource; after an import, the first value is recorded in place.');
}
