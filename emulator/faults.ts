/**
 * Fault rules for reliability tests: the next `count` requests whose method and URL path match answer
 * with a status, lose their connection, or are delayed first. With `rate`, each matching request is hit
 * only with that probability. In the `after` phase the server does the work first and the fault replaces
 * its answer: the client cannot tell whether the request took effect. Rules are kept in memory only.
 */

export interface FaultSpec {
  method?: string | undefined;
  /** Regular expression tested against the URL path (query string excluded). */
  path: string;
  count: number;
  status?: number | undefined;
  retryAfter?: number | undefined;
  drop?: boolean | undefined;
  latencyMs?: number | undefined;
  /** Probability (0 to 1] that a matching request is hit; every matching request when absent. */
  rate?: number | undefined;
  /** `before` (default): the request is not processed. `after`: it is processed, then its answer is lost. */
  phase?: 'before' | 'after' | undefined;
}

export interface FaultRule extends FaultSpec {
  id: number;
  remaining: number;
}

export class FaultInjector {
  private rules: Array<FaultRule & { pattern: RegExp }> = [];
  private nextId = 1;

  add(spec: FaultSpec): FaultRule {
    const rule = { ...spec, method: spec.method?.toUpperCase(), id: this.nextId++, remaining: spec.count, pattern: new RegExp(spec.path) };
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

  private describe(rule: FaultRule & { pattern: RegExp }): FaultRule {
    const { pattern: _pattern, ...rest } = rule;
    return { ...rest };
  }
}
