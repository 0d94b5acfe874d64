/**
 * Private state: data Terraform keeps beside a resource's state, never shown and never compared, handed back
 * on every later call for that resource instance. A resource keeps a JSON object there; an empty one is
 * stored as no bytes at all.
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** A resource's private state as it reads and writes it: any key may be absent; assign or delete keys to change it. */
export type PrivateOf<P extends JsonObject> = { -readonly [K in keyof P]?: P[K] };

const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bytes this framework did not write (or none) decode as an empty object. */
export function decodePrivate(bytes: Uint8Array): Record<string, JsonValue> {
  if (bytes.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return isJsonObject(parsed) ? { ...parsed } : {};
  } catch {
    return {};
  }
}

/** The framework's own key in a private state: set by an import, cleared by the next apply. Resources never see it. */
const IMPORTED = '@imported';

/** Removes the import mark from decoded private data, and says whether it was there. */
export function takeImportMark(data: Record<string, JsonValue>): boolean {
  const marked = data[IMPORTED] === true;
  delete data[IMPORTED];
  return marked;
}

/** The private data to store, with the import mark when `imported`. */
export function withImportMark(data: Readonly<Record<string, JsonValue | undefined>>, imported: boolean): Record<string, JsonValue | undefined> {
  return imported ? { ...data, [IMPORTED]: true } : { ...data };
}

export function encodePrivate(data: Readonly<Record<string, JsonValue | undefined>>): Uint8Array {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? new Uint8Array() : Buffer.from(JSON.stringify(Object.fromEntries(entries)), 'utf8');
}
