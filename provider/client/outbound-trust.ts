// The CAs the HTTPS client trusts for Kestra. Node trusts its bundled CAs plus the file in
// NODE_EXTRA_CA_CERTS, but parses that file before running any code, at every start. The provider's launcher
// therefore takes the variable away from node and passes the file on as KESTRA_PROVIDER_EXTRA_CA_CERTS (set,
// possibly empty, whenever the launcher runs node with --use-openssl-ca); this client then trusts exactly
// what node would have: the bundled CAs and that file, parsed once, and only when Kestra is reached over HTTPS.
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

export const EXTRA_CA_ENV = 'KESTRA_PROVIDER_EXTRA_CA_CERTS';

/** The certificates of `file` (PEM, one or more), or none when it cannot be read: node ignores such a file too. */
function readCaFile(file: string): string[] {
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

/**
 * A TLS context for connections to `origin`, or undefined when node's own defaults apply: a plain HTTP
 * origin, or a process the launcher did not start (node then read NODE_EXTRA_CA_CERTS itself).
 */
export function outboundSecureContext(origin: string, env: NodeJS.ProcessEnv): SecureContext | undefined {
  const extraCaFile = env[EXTRA_CA_ENV];
  if (!origin.startsWith('https:') || extraCaFile === undefined) return undefined;
  return createSecureContext({ ca: [...rootCertificates, ...(extraCaFile === '' ? [] : readCaFile(extraCaFile))] });
}
