/**
 * Secrets in server text are redacted before the text is cut, and so are fragments of them: what the issue saw
 * was a Basic header missing only its last "=" and 47 of a token's 48 characters, past a 300-character cut.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { FRAGMENT_LENGTH, Redactor } from '../../../provider/client/redact.js';
import { mockKestra, PASSWORD, rejectionOf, USERNAME } from './mock-kestra.js';

const BASIC = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64');
const TOKEN = 'Q7X2KM8vR3pL0nW5yT9bC4dF6gH1jK2mN3pQ4rS5tU6vW7xY';

/** The longest run of characters of `secret` that `text` shows. */
function longestLeak(text: string, secret: string): number {
  let longest = 0;
  for (let start = 0; start < secret.length; start++) {
    for (let end = secret.length; end > start + longest; end--) if (text.includes(secret.slice(start, end))) longest = end - start;
  }
  return longest;
}

describe('Redactor', () => {
  const redactor = new Redactor([TOKEN, PASSWORD, BASIC]);

  it.each([
    ['whole', TOKEN],
    ['cut at the end (47 of 48)', TOKEN.slice(0, 47)],
    ['cut at the start', TOKEN.slice(20)],
    ['a middle piece', TOKEN.slice(10, 10 + FRAGMENT_LENGTH)],
    ['URL-encoded', encodeURIComponent(PASSWORD)],
    ['the Basic header without its last "="', BASIC.replace(/=+$/, '')],
  ])('a secret %s is redacted', (_name, leaked) => {
    const out = redactor.redact(`before ${leaked} after`);
    expect(out).toBe('before [redacted] after');
  });

  it('leaves text alone that shares fewer than 8 characters with any secret', () => {
    const text = `token ${TOKEN.slice(0, FRAGMENT_LENGTH - 1)} and ${PASSWORD.slice(3, 10)}`;
    expect(redactor.redact(text)).toBe(text);
  });

  it('ignores secrets too short to be told from ordinary text', () => {
    expect(new Redactor(['abc']).redact('abc abc')).toBe('abc abc');
  });
});

describe('server text in errors', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it.each([250, 270, 275, 278, 290, 299, 300, 301, 320])(
    'a non-JSON 500 echoing the Basic header and the token past character %i leaks no 8 characters of either',
    async (offset) => {
      const k = mockKestra({ extraHeaders: { 'X-Api-Key': TOKEN } });
      close = k.close;
      const page = `${'x'.repeat(offset)} Authorization: Basic ${BASIC} X-Api-Key: ${TOKEN} ${'y'.repeat(400)}`;
      k.reply('GET', '/api/v1/main/roles/r1', 500, page);
      const error = await rejectionOf(k.client.roles.get('r1'));
      expect(longestLeak(error.message, BASIC)).toBeLessThan(FRAGMENT_LENGTH);
      expect(longestLeak(error.message, TOKEN)).toBeLessThan(FRAGMENT_LENGTH);
      // Redacted before the cut: not even the first characters of a secret the cut falls into are shown.
      expect(error.message).not.toContain(`Basic ${BASIC.slice(0, 2)}`);
      expect(error.message).not.toContain(`X-Api-Key: ${TOKEN.slice(0, 2)}`);
    },
  );

  it('a JSON message quoting a fragment of the password is redacted too', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/me', 401, { message: `bad password ${PASSWORD.slice(0, -2)}…` });
    const error = await rejectionOf(k.client.users.getMe());
    expect(longestLeak(error.message, PASSWORD)).toBeLessThan(FRAGMENT_LENGTH);
    expect(error.message).toContain('bad password [redacted]');
  });

  it('a token this client created is redacted from later server text', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts/sa1/api-tokens', 200, { id: 't1', name: 'ci', fullToken: TOKEN });
    k.reply('GET', '/api/v1/main/roles/r1', 400, { message: `rejected ${TOKEN.slice(1)}` });
    await k.client.apiTokens.ofServiceAccount('sa1').create({ name: 'ci' });
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(longestLeak(error.message, TOKEN)).toBeLessThan(FRAGMENT_LENGTH);
  });
});
