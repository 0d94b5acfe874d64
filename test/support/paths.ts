import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Kestra EE OpenAPI documents the contract tests hold the emulator to (see vendor/kestra-openapi/README.md). */
export const OPENAPI_DIR = join(REPO_ROOT, 'vendor', 'kestra-openapi');
