import { request } from 'undici';
import { contractViolations, type SpecVersion } from './contract.js';

/**
 * The HTTP client tests use to talk to an emulator, for the tests of the emulator itself and for the
 * out-of-band checks and changes of acceptance tests. Every response it receives from the Kestra API surface
 * is checked against the OpenAPI contract; a violation fails the test that made the call.
 */

export type Auth = { basic: [string, string] } | { bearer: string } | { header: string } | 'none';

export interface CallOptions {
  auth?: Auth;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: T;
}

/** The emulator's default superadmin. */
export const ADMIN: [string, string] = ['admin@kestra.io', 'Admin1234!'];

function authorization(auth: Auth): string | undefined {
  if (auth === 'none') return undefined;
  if ('basic' in auth) return 'Basic ' + Buffer.from(`${auth.basic[0]}:${auth.basic[1]}`).toString('base64');
  if ('bearer' in auth) return `Bearer ${auth.bearer}`;
  return auth.header;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly version: SpecVersion = '1.3',
    readonly defaultAuth: Auth = { basic: ADMIN },
  ) {}

  as(auth: Auth): ApiClient {
    return new ApiClient(this.baseUrl, this.version, auth);
  }

  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    // An empty header value in `options.headers` means: do not send that header at all.
    const headers: Record<string, string> = Object.fromEntries(
      Object.entries({ 'content-type': 'application/json', ...options.headers }).filter(([, v]) => v !== ''),
    );
    const auth = authorization(options.auth ?? this.defaultAuth);
    if (auth !== undefined) headers.authorization = auth;
    const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
    const res = await request(this.baseUrl + path, { method: method as 'GET', headers, body });
    const text = await res.body.text();
    const parsed = text === '' ? undefined : parseJson<T>(text, `${method} ${path} -> ${res.statusCode}`);
    const pathOnly = path.split('?')[0]!;
    if (!pathOnly.startsWith('/__emulator/')) {
      const problems = await contractViolations(this.version, { method, path: pathOnly, status: res.statusCode, body: parsed });
      if (problems.length > 0) throw new Error(`contract violation:\n${problems.map((p) => p.message).join('\n')}`);
    }
    return { status: res.statusCode, headers: res.headers, text, body: parsed as T };
  }

  get<T = any>(path: string, options?: CallOptions) {
    return this.call<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>('PUT', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>('PATCH', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: CallOptions) {
    return this.call<T>('DELETE', path, options);
  }
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
  }
}
