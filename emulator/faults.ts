/**
 * Fault rules for reliability tests: the next `count` requests whose method and URL path match answer
 * with a status, lose their connection, or are delayed first. Rules are kept in memory only.
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
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => (r.method === undefined || r.method === method.toUpperCase()) && r.pattern.test(path));
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
