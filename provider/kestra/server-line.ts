import { VOCABULARIES, type KestraVersion, type Vocabulary } from '../../common/kestra-permissions.js';
import type { KestraContext } from '../provider-config.js';

/** The release the server runs and the role vocabulary of its line. */
export interface ServerLine {
  readonly release: string;
  readonly line: KestraVersion;
  readonly vocabulary: Vocabulary;
}

/**
 * The server's release line, from the version it reports (once per configured provider): 1.x speaks the 1.3
 * vocabulary, 2.x the 2.0 one. Undefined when the server does not say, or runs a line this provider does not know.
 */
export async function serverLine(client: KestraContext): Promise<ServerLine | undefined> {
  const release = await client.serverVersion();
  const major = release === undefined ? undefined : /^v?(\d+)\./.exec(release)?.[1];
  const line: KestraVersion | undefined = major === '1' ? '1.3' : major === '2' ? '2.0' : undefined;
  return release === undefined || line === undefined ? undefined : { release, line, vocabulary: VOCABULARIES[line] };
}
