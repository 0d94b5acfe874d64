import type { AttributePath } from './path.js';

/**
 * An error a resource throws for the user to read: a short summary, the detail, and optionally the attribute
 * at fault. The framework adds which operation on which type failed ("Failed to read kestra_role: role not found").
 */
export class ResourceError extends Error {
  override readonly name = 'ResourceError';
  readonly summary: string;
  readonly attribute: AttributePath | undefined;

  constructor(summary: string, detail: string, options: { attribute?: AttributePath; cause?: unknown } = {}) {
    super(detail, 'cause' in options ? { cause: options.cause } : undefined);
    this.summary = summary;
    this.attribute = options.attribute;
  }
}

export interface DescribedError {
  summary: string;
  detail: string;
  attribute?: AttributePath;
}

/** What the user reads when `operation` on `typeName` threw `error`. */
export function describeError(error: unknown, operation: string, typeName: string): DescribedError {
  const summary = `Failed to ${operation} ${typeName}`;
  if (error instanceof ResourceError) {
    return { summary: `${summary}: ${error.summary}`, detail: error.message, ...(error.attribute ? { attribute: error.attribute } : {}) };
  }
  return { summary, detail: error instanceof Error ? error.message : String(error) };
}
