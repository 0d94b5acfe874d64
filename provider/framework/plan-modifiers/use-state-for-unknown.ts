import { isUnknown } from '../values.js';
import type { PlanModifier } from '../plan-modifier.js';

/**
 * Keeps the prior value of a computed attribute instead of showing "(known after apply)" on updates,
 * for values the server never changes once set (ids, creation times, issued secrets).
 */
export function useStateForUnknown<T>(): PlanModifier<T> {
  return {
    description: 'Once set, the value does not change on update.',
    modify(req, resp) {
      if (req.state === null) return;
      if (!isUnknown(resp.plan)) return;
      // A configuration value that is itself unknown must stay unknown.
      if (isUnknown(req.config)) return;
      resp.plan = req.state;
    },
  };
}
