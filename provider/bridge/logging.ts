// hclog-compatible JSON logging on stderr. Terraform reads a plugin's stderr line by line and re-logs each
// JSON line at its @level under `provider.<binary>`, so this is the only log channel a provider has.
//
// Level: TF_LOG_PROVIDER, else TF_LOG (trace|debug|info|warn|error|off; TF_LOG=json means trace, and any
// other value is treated as trace, as Terraform does). When neither is set, errors are still written:
// Terraform discards them unless its own logging is on, and for a human running the binary by hand
// (e.g. --debug) they are the only clue. `off` silences everything.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  with(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Lowest level written; `off` writes nothing. Defaults to {@link logLevelFromEnv}(process.env). */
  level?: LogLevel | 'off';
  /** Where each line (with its trailing newline) goes. Defaults to a synchronous stderr write. */
  write?: (line: string) => void;
  fields?: LogFields;
  now?: () => Date;
}

const SEVERITY: Readonly<Record<LogLevel, number>> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** Keys whose values must never reach a log line, however deeply nested. */
const SECRET_KEY = /authorization|password|token|secret/i;
export const REDACTED = '[REDACTED]';

export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel | 'off' {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').trim().toLowerCase();
  if (raw === '') return 'error';
  if (raw === 'off') return 'off';
  if (raw in SEVERITY) return raw as LogLevel;
  return 'trace';
}

/** hclog's timestamp layout: Go parses `2006-01-02T15:04:05.000000Z07:00`, so exactly six fractional digits. */
export function hclogTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A copy of `value` with every secret-looking key's value replaced, and values JSON cannot carry made printable. */
export function redact(value: unknown, ancestors: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return value.message;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (ancestors.has(value)) return '[circular]';
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => redact(item, ancestors));
  } else {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, ancestors);
    }
    out = copy;
  }
  ancestors.delete(value);
  return out;
}

/** One hclog JSON line (without newline). Caller fields cannot override the three `@` keys. */
export function formatLogLine(level: LogLevel, message: string, fields: LogFields, time: Date): string {
  const line: Record<string, unknown> = {
    '@level': level,
    '@message': String(message),
    '@timestamp': hclogTimestamp(time),
  };
  for (const [key, value] of Object.entries(redact(fields) as Record<string, unknown>)) {
    if (!(key in line)) line[key] = value;
  }
  return JSON.stringify(line);
}

/**
 * Without `options.level`, the level comes from the environment when the first line is logged, not when the
 * logger is made: the startup snapshot makes the provider's loggers at build time (provider/run.ts).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const thresholdOf = (level: LogLevel | 'off') => (level === 'off' ? Infinity : SEVERITY[level]);
  let threshold = options.level === undefined ? undefined : thresholdOf(options.level);

  const build = (base: LogFields): Logger => {
    const log = (lineLevel: LogLevel) => (message: string, fields?: LogFields) => {
      threshold ??= thresholdOf(logLevelFromEnv(process.env));
      if (SEVERITY[lineLevel] < threshold) return;
      write(formatLogLine(lineLevel, message, { ...base, ...fields }, now()) + '\n');
    };
    return {
      trace: log('trace'),
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      with: (fields) => build({ ...base, ...fields }),
    };
  };
  return build(options.fields ?? {});
}
