import type { PathStep } from '../bridge/protocol/provider-server.js';

/** An attribute path built fluently: `AttributePath.root('permissions').atMapKey('FLOW')`. */
export class AttributePath {
  private constructor(readonly steps: readonly PathStep[]) {}

  static root(name: string): AttributePath {
    return new AttributePath([{ attribute: name }]);
  }

  atName(name: string): AttributePath {
    return new AttributePath([...this.steps, { attribute: name }]);
  }

  atMapKey(key: string): AttributePath {
    return new AttributePath([...this.steps, { key }]);
  }

  atListIndex(index: number): AttributePath {
    return new AttributePath([...this.steps, { index }]);
  }

  /** Human form used in messages: `permissions["FLOW"]`, `groups[0]`. */
  toString(): string {
    return this.steps
      .map((step, i) => ('attribute' in step ? (i === 0 ? step.attribute : `.${step.attribute}`) : 'key' in step ? `["${step.key}"]` : `[${step.index}]`))
      .join('');
  }
}
