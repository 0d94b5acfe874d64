import { formatPath, type PathStep } from '../bridge/tftypes/path.js';

/** An attribute path built fluently: `AttributePath.root('permissions').atMapKey('FLOW')`. */
export class AttributePath {
  private constructor(
    readonly steps: readonly PathStep[],
    /** False below a set element: the protocol cannot point into a set, so such a path stops at the set. */
    private readonly exact: boolean,
  ) {}

  static root(name: string): AttributePath {
    return new AttributePath([{ attribute: name }], true);
  }

  atName(name: string): AttributePath {
    return this.exact ? new AttributePath([...this.steps, { attribute: name }], true) : this;
  }

  atMapKey(key: string): AttributePath {
    return this.exact ? new AttributePath([...this.steps, { key }], true) : this;
  }

  atListIndex(index: number): AttributePath {
    return this.exact ? new AttributePath([...this.steps, { index }], true) : this;
  }

  /** An element of a set, which the protocol has no step for: the path (and any path below it) is the set's. */
  atSetElement(): AttributePath {
    return new AttributePath(this.steps, false);
  }

  /** Human form used in messages: `permissions["FLOW"]`, `groups[0].id`. */
  toString(): string {
    return formatPath(this.steps);
  }
}
