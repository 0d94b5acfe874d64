/** Replaces every known secret in server-provided text before it reaches an error or a log line. */
export class Redactor {
  readonly #secrets: readonly string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so a secret that contains another is replaced whole. Very short values ("a", "")
    // would shred unrelated text and reveal next to nothing, so they are left alone.
    this.#secrets = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}
