/**
 * Errors a resource may throw carry what the user should read; the framework adds which operation on which
 * type failed. An error may offer its own `summary` (e.g. "Service account not found") to replace the default.
 */
export function describeError(error: unknown, operation: string, typeName: string): { summary: string; detail: string } {
  const summary = `Failed to ${operation} ${typeName}`;
  if (error instanceof Error) {
    const own = (error as { summary?: unknown }).summary;
    return { summary: typeof own === 'string' ? `${summary}: ${own}` : summary, detail: error.message };
  }
  return { summary, detail: String(error) };
}
