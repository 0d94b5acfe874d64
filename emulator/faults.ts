import { RE2JS } from 're2js';

/**
 * Fault rules for reliability tests: the next `count` requests whose method and URL path match are delayed,
 * lose their connection, get an error status or a damaged body. With `rate`, each matching request is hit only
 * with that probability. Rules are kept in memory only.
 *
 * The phase says where the fault strikes:
 * - `before` (default): in front of the server, like a failing proxy. The request is delayed, then refused
 *   (status) or cut (drop) without being processed; with a delay alone it goes through, unless its client has
 *   given up by then.
 * - `during`: the server has the whole request and is slow: the work starts after the delay and is finished
 *   even if the client has gone meanwhile. Its answer may then be damaged as in `after`.
 * - `after`: the work is done at once; then the delay, and the answer is lost (drop), replaced (status) or
 *   damaged (body). The client cannot tell whether the request took effect.
 *
 * `path` is an RE2 regular expression searched in the URL path (query string excluded): RE2 matches in time
 * linear in the path, so no rule can make the server backtrack for ever.
 */

export type FaultPhase = 'before' | 'during' | 'after';

/**
 * Damage done to a processed request's answer: `truncated` sends the first half of the body as a complete
 * response (a 2xx whose JSON does not parse), `interrupted` announces the whole body and closes the
 * connection halfway through it, `without-id` removes the top-level `id` of the JSON body.
 */
export type BodyFault = 'truncated' | 'interrupted' | 'without-id';

export interface FaultSpec {
  method?: string | undefined;
  path: string;
  count: number;
  status?: number | undefined;
  retryAfter?: number | undefined;
  drop?: boolean | undefined;
  latencyMs?: number | undefined;
  /** Probability (0 to 1] that a matching request is hit; every matching request when absent. */
  rate?: number | undefined;
  phase?: FaultPhase | undefined;
  body?: BodyFault | undefined;
}

export interface FaultRule extends FaultSpec {
  id: number;
  remaining: number;
}

/** The compiled path expression, or undefined when RE2 cannot compile it (backreferences, lookarounds…). */
export function compilePathPattern(path: string): RE2JS | undefined {
  try {
    return RE2JS.compile(path);
  } catch {
    return undefined;
  }
}

export function phaseOf(rule: FaultSpec): FaultPhase {
  return rule.phase ?? 'before';
}

export class FaultInjector {
  private rules: Array<FaultRule & { pattern: RE2JS }> = [];
  private nextId = 1;

  /** Adds a rule; its path must compile (the control API checks it first). */
  add(spec: FaultSpec): FaultRule {
    const pattern = compilePathPattern(spec.path);
    if (!pattern) throw new Error(`not an RE2 expression: ${spec.path}`);
    const rule = { ...spec, method: spec.method?.toUpperCase(), id: this.nextId++, remaining: spec.count, pattern };
    this.rules.push(rule);
    return this.describe(rule);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => this.describe(r));
  }

  /** The first rule matching the request, with one use consumed; spent rules are dropped. */
  take(method: string, path: string, random: () => number = Math.random): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => (r.method === undefined || r.method === method.toUpperCase()) && r.pattern.test(path) && (r.rate === undefined || random() < r.rate),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return this.describe(rule);
  }

  private describe(rule: FaultRule & { pattern: RE2JS }): FaultRule {
    const { pattern: _pattern, ...rest } = rule;
    return { ...rest };
  }
}
