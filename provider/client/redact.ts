const REDACTED = '[redacted]';

/** Below this length a secret is only replaced where it appears whole: masking every "abc" would shred unrelated text. */
const MIN_SECRET = 4;

/**
 * Any run of this many characters copied from a secret is a leak: a secret cut short (a truncated echo of an
 * `Authorization` header, 47 of a token's 48 characters) reveals all but what was cut.
 */
export const FRAGMENT_LENGTH = 8;

/**
 * Replaces known secrets in text from the server or the transport before it reaches an error or a log line:
 * each secret whole, in its URL-encoded and JSON-escaped spellings, and any fragment of `FRAGMENT_LENGTH` or
 * more characters of one, wherever the fragment was cut. Callers redact first and shorten afterwards, so a
 * cut never hides a secret from the redactor.
 */
export class Redactor {
  readonly #whole: readonly string[];
  readonly #fragments: ReadonlySet<string>;

  constructor(secrets: readonly string[]) {
    const spellings = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET) continue;
      spellings.add(secret);
      spellings.add(encodeURIComponent(secret));
      spellings.add(JSON.stringify(secret).slice(1, -1));
    }
    // Longest first, so a secret that contains another is replaced whole.
    this.#whole = [...spellings].sort((a, b) => b.length - a.length);
    const fragments = new Set<string>();
    for (const spelling of this.#whole) {
      for (let start = 0; start + FRAGMENT_LENGTH <= spelling.length; start++) fragments.add(spelling.slice(start, start + FRAGMENT_LENGTH));
    }
    this.#fragments = fragments;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#whole) out = out.split(secret).join(REDACTED);
    return this.#fragments.size === 0 ? out : this.#redactFragments(out);
  }

  /** Every window of `FRAGMENT_LENGTH` characters that occurs in a secret is covered; overlapping windows merge. */
  #redactFragments(text: string): string {
    const covered: [number, number][] = [];
    for (let start = 0; start + FRAGMENT_LENGTH <= text.length; start++) {
      if (!this.#fragments.has(text.slice(start, start + FRAGMENT_LENGTH))) continue;
      const end = start + FRAGMENT_LENGTH;
      const last = covered.at(-1);
      if (last !== undefined && start <= last[1]) last[1] = end;
      else covered.push([start, end]);
    }
    if (covered.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of covered) {
      out += text.slice(at, start) + REDACTED;
      at = end;
    }
    return out + text.slice(at);
  }
}
