// The one way the UI talks to vigil: fetch() against the same origin's HTTP
// API (docs/api.md), with the signed-in token, and errors in the words of
// the API's error body ({"error": {"code", "message", "field"}}).
//
//   const card = await api<EntityCard>(`/v1/entities/${encodeURIComponent(id)}`);
//   await api('/v1/decisions', { method: 'POST', body: { ... } });

const TOKEN_KEY = 'vigil.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

// The token lives for the browser tab's session only.
export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export interface ApiOptions {
  method?: string;
  body?: unknown; // sent as JSON unless a string (then as is, with contentType)
  contentType?: string;
  signal?: AbortSignal;
  token?: string; // instead of the stored one (sign-in)
}

function headersFor(options: ApiOptions): Headers {
  const headers = new Headers();
  const token = options.token ?? storedToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (options.body !== undefined)
    headers.set('Content-Type', typeof options.body === 'string' ? (options.contentType ?? 'text/plain') : 'application/json');
  headers.set('Accept', 'application/json');
  return headers;
}

async function errorOf(response: Response): Promise<ApiError> {
  let code = 'http_' + response.status;
  let message = `${response.status} ${response.statusText}`;
  let field: string | undefined;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      field = body.error.field;
    }
  } catch {
    // not JSON: keep the status line
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent('vigil:unauthorized'));
  return new ApiError(response.status, code, message, field);
}

// A request's raw response (for streams and downloads); throws ApiError.
export async function apiFetch(path: string, options: ApiOptions = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: headersFor(options),
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'vigil cannot be reached: is `vigil serve` running?');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

// A JSON answer; throws ApiError.
export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  return (await response.json()) as T;
}

// "a=1&b=x" from an object, leaving out empty values; arrays repeat the name.
export function query(params: Record<string, string | number | boolean | undefined | null | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export function isAbort(e: unknown): boolean {
  return (e as Error)?.name === 'AbortError';
}

export interface Me {
  name: string;
  role: 'reader' | 'screener' | 'analyst' | 'admin';
  allows: Record<string, boolean>;
}
