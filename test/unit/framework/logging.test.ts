import { createLogger } from '../../../provider/bridge/logging.js';
import { listBlock, nestedList, optional, defineSchema, stringType } from '../../../provider/framework/index.js';
import { callLogger, sensitiveStrings } from '../../../provider/framework/logging.js';

describe('sensitiveStrings', () => {
  const schema = defineSchema({
    description: 'secrets',
    attributes: {
      name: optional(stringType, { description: 'not secret' }),
      key: optional(stringType, { description: 'secret', sensitive: true }),
      pw: optional(stringType, { description: 'write-only', writeOnly: true }),
      creds: optional(nestedList({ user: optional(stringType, { description: 'u' }), pass: optional(stringType, { description: 'p', sensitive: true }) }), { description: 'c' }),
    },
    blocks: { auth: listBlock({ description: 'auth', attributes: { token: optional(stringType, { description: 't', sensitive: true }) } }) },
  });

  test('collects sensitive and write-only strings at any depth, and nothing else', () => {
    const found = sensitiveStrings(schema, { name: 'alice', key: 'k-1', pw: 'pw-2', creds: [{ user: 'bob', pass: 'p-3' }], auth: [{ token: 't-4' }] }, null);
    expect(found.sort()).toEqual(['k-1', 'p-3', 'pw-2', 't-4']);
  });
});

describe('callLogger', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const base = createLogger({ level: 'trace', write: (line) => void lines.push(JSON.parse(line)) });
    return { lines, base };
  };

  test('masks secrets inside messages and fields of any name, and tags every line', () => {
    const { lines, base } = capture();
    const logger = callLogger(base, { tf_rpc: 'ReadResource' }, ['s3cr3t-value']);
    logger.with({ step: 'lookup' }).warn('got s3cr3t-value back', { body: { echo: 'x s3cr3t-value y' }, list: ['s3cr3t-value'] });
    expect(lines).toEqual([
      expect.objectContaining({ '@message': 'got [REDACTED] back', body: { echo: 'x [REDACTED] y' }, list: ['[REDACTED]'], tf_rpc: 'ReadResource', step: 'lookup' }),
    ]);
  });

  test('a short secret is masked where it is a whole value only', () => {
    const { lines, base } = capture();
    callLogger(base, {}, ['ab']).info('about ab', { value: 'ab' });
    expect(lines[0]).toMatchObject({ '@message': 'about ab', value: '[REDACTED]' });
  });
});
