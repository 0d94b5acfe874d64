import {
  createLogger,
  formatLogLine,
  hclogTimestamp,
  logLevelFromEnv,
  REDACTED,
  type LoggerOptions,
} from '../../../provider/bridge/logging.js';

function capture(level: NonNullable<LoggerOptions['level']>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('hclog line format', () => {
  test('the timestamp has exactly six fractional digits, as Go parses hclog JSON', () => {
    expect(hclogTimestamp(new Date('2026-11-28T06:24:26.342Z'))).toBe('2026-11-28T06:24:26.342000Z');
    expect(hclogTimestamp(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000000Z');
  });

  test('@level, @message and @timestamp are strings and fields follow them', () => {
    const line = JSON.parse(formatLogLine('info', 'created', { id: 'sa-1', count: 2 }, new Date(0)));
    expect(line).toEqual({
      '@level': 'info',
      '@message': 'created',
      '@timestamp': '1970-01-01T00:00:00.000000Z',
      id: 'sa-1',
      count: 2,
    });
  });

  test('a field cannot overwrite the @ keys Terraform reads', () => {
    const line = JSON.parse(formatLogLine('warn', 'real', { '@level': 7, '@message': { x: 1 } }, new Date(0)));
    expect(line['@level']).toBe('warn');
    expect(line['@message']).toBe('real');
  });

  test('each line ends with a newline and is one JSON object', () => {
    const written: string[] = [];
    createLogger({ level: 'trace', write: (line) => written.push(line) }).info('hello\nworld');
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith('\n')).toBe(true);
    expect(written[0]!.slice(0, -1)).not.toContain('\n');
  });
});

describe('redaction', () => {
  test.each(['authorization', 'Authorization', 'password', 'api_token', 'clientSecret', 'X-Auth-Token'])(
    'the value of %s never appears',
    (key) => {
      const line = formatLogLine('debug', 'request', { [key]: 'hunter2' }, new Date(0));
      expect(line).not.toContain('hunter2');
      expect(JSON.parse(line)[key]).toBe(REDACTED);
    },
  );

  test('secrets nested in objects and arrays are redacted too', () => {
    const line = formatLogLine(
      'debug',
      'request',
      { headers: { Authorization: 'Bearer abc' }, items: [{ token: 'tok-1', name: 'keep' }] },
      new Date(0),
    );
    expect(line).not.toMatch(/abc|tok-1/);
    expect(JSON.parse(line).items[0].name).toBe('keep');
  });

  test('values JSON cannot carry still produce a line', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const line = JSON.parse(formatLogLine('error', 'odd', { big: 10n ** 20n, err: new Error('boom'), cyclic }, new Date(0)));
    expect(line.big).toBe('100000000000000000000');
    expect(line.err).toBe('boom');
    expect(line.cyclic.self).toBe('[circular]');
  });

  test('an object referenced twice is not mistaken for a cycle', () => {
    const shared = { name: 'x' };
    const line = JSON.parse(formatLogLine('info', 'twice', { a: shared, b: shared }, new Date(0)));
    expect(line.b).toEqual({ name: 'x' });
  });

  test('child loggers redact their bound fields', () => {
    const { logger, lines } = capture('debug');
    logger.with({ password: 'p', user: 'u' }).debug('login');
    expect(lines[0]).toMatchObject({ password: REDACTED, user: 'u' });
  });
});

describe('levels', () => {
  test('lines below the level are dropped', () => {
    const { logger, lines } = capture('warn');
    logger.info('no');
    logger.warn('yes');
    logger.error('also');
    expect(lines.map((l) => l['@message'])).toEqual(['yes', 'also']);
  });

  test('off writes nothing, not even errors', () => {
    const { logger, lines } = capture('off');
    logger.error('nothing');
    expect(lines).toEqual([]);
  });

  test.each([
    [{ TF_LOG_PROVIDER: 'DEBUG', TF_LOG: 'error' }, 'debug'],
    [{ TF_LOG: 'info' }, 'info'],
    [{ TF_LOG: 'JSON' }, 'trace'],
    [{ TF_LOG: 'loud' }, 'trace'],
    [{ TF_LOG: 'off' }, 'off'],
    [{}, 'error'],
  ] as const)('%j selects %s', (env, level) => {
    expect(logLevelFromEnv(env)).toBe(level);
  });

  test('child loggers keep the parent level and add fields', () => {
    const { logger, lines } = capture('info');
    const child = logger.with({ rpc: 'PlanResourceChange' });
    child.debug('hidden');
    child.with({ type: 'kestra_role' }).info('planned');
    expect(lines).toEqual([expect.objectContaining({ '@message': 'planned', rpc: 'PlanResourceChange', type: 'kestra_role' })]);
  });
});
