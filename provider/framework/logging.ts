import type { LogFields, Logger } from '../bridge/logging.js';
import { isPlainObject, type TfValue } from '../bridge/tftypes/value.js';
import { AttributePath } from './path.js';
import { elementsOf, nestedOf, type Body } from './walk.js';

const REDACTED = '[REDACTED]';

/** Below this length a secret is only hidden where it is a whole value: masking every "ab" would garble the text. */
const MIN_EMBEDDED_SECRET = 4;

const noop = (): void => {};

export const SILENT: Logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, with: () => SILENT };

/**
 * A logger for one call: every line carries `fields`, and every string value of a sensitive or write-only
 * attribute in play is masked wherever it appears in a message or a field, whatever the field is named
 * (the bridge logger already masks fields named like secrets).
 */
export function callLogger(base: Logger, fields: LogFields, secrets: readonly string[]): Logger {
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  const scrubText = (text: string): string => {
    if (ordered.includes(text)) return REDACTED;
    return ordered.reduce((t, secret) => (secret.length >= MIN_EMBEDDED_SECRET ? t.replaceAll(secret, REDACTED) : t), text);
  };
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubText(value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value instanceof Error) return scrubText(value.message);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  const scrubFields = (more: LogFields): LogFields => Object.fromEntries(Object.entries(more).map(([k, v]) => [k, scrub(v)]));
  const tagged = base.with(fields);
  const line =
    (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, more?: LogFields): void =>
      tagged[level](scrubText(message), more === undefined ? undefined : scrubFields(more));
  return {
    trace: line('trace'),
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    with: (more) => callLogger(base, { ...fields, ...more }, secrets),
  };
}

/** Every string inside the sensitive and write-only attributes of `values`, at any depth. */
export function sensitiveStrings(body: Body, ...values: (TfValue | undefined)[]): string[] {
  const found: string[] = [];
  for (const value of values) if (isPlainObject(value)) collectBody(body, value, found);
  return found;
}

function collectBody(body: Body, value: Readonly<Record<string, TfValue>>, found: string[]): void {
  for (const [name, attr] of Object.entries(body.attributes)) {
    const v = value[name] ?? null;
    const nested = nestedOf(attr);
    if (attr.sensitive || attr.writeOnly) collectStrings(v, found);
    else if (nested) for (const element of elementsOf(nested.nesting, v, AttributePath.root(name))) collectBody(nested.body, element.value, found);
  }
  for (const [name, block] of Object.entries(body.blocks)) {
    for (const element of elementsOf(block.nesting, value[name] ?? null, AttributePath.root(name))) collectBody(block, element.value, found);
  }
}

function collectStrings(value: TfValue, found: string[]): void {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, found);
  else if (isPlainObject(value)) for (const v of Object.values(value)) collectStrings(v, found);
}
