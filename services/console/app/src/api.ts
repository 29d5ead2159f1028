import { useSession } from './stores/session.ts';

/** A problem+json answer, or a network failure (status 0), in the words the page shows. */
export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, message: string, fieldErrors: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
  }

  /** The i18n key of the explanation of this kind of failure, when it has one. */
  get explanation(): string | null {
    if (this.status === 0) return 'error.network';
    if (this.status === 409) return 'error.conflict';
    if (this.status === 412) return 'error.precondition';
    if (this.status === 403) return 'error.forbidden';
    return null;
  }
}

interface Problem {
  detail?: string;
  title?: string;
  errors?: { path?: string; field?: string; message: string }[];
}

export interface Answer<T> {
  body: T;
  etag: string | null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** For writes: the item's ETag as read (If-Match). */
  ifMatch?: string | null;
  /** For creates: one key per intended write, so a retried submit never creates twice. */
  idempotencyKey?: string;
}

/** Calls a service through the console: `api('safety', '/hazards')` → `/api/safety/hazards`. */
export async function api<T>(
  service: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const session = useSession();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api/${service}${path}`, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (response.status === 401) {
    session.signOut('expired');
    throw new ApiError(401, 'unauthorized');
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = (parsed ?? {}) as Problem;
    const fields: Record<string, string> = {};
    for (const error of problem.errors ?? []) {
      const name = error.path ?? error.field;
      if (name) fields[name] = error.message;
    }
    throw new ApiError(response.status, problem.detail ?? problem.title ?? response.statusText, fields);
  }
  return { body: parsed as T, etag: response.headers.get('etag') };
}
