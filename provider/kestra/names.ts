import { matchesPattern, notBlank } from '../framework/index.js';

/** Kestra's rule for service account and token names (a DNS label). */
export const kestraName = matchesPattern(
  /^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
  'at most 63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit (for example "ci-bot")',
);

/** Kestra's rule for the other names and for ids: `@NotBlank`, so empty or white-space-only text is refused. */
export const nonBlank = notBlank();
