import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { ItemFeature, Landing, PlanAccess, Problem, TileLayer } from './types';

/** An API answer that was not 2xx, carrying the server's problem details (RFC 9457). */
export class ApiError extends Error {
  readonly title: string;
  readonly detail: string | undefined;
  /** The problem type, e.g. "/problems/forbidden"; "" when the server sent none. */
  readonly type: string;
  /** The whole problem document, extension members included. */
  readonly problem: Problem;

  constructor(
    readonly status: number,
    problem: Problem,
    /** From `Retry-After` on a 429: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    const title = problem.title ?? 'Request failed';
    super(problem.detail ? `${title}: ${problem.detail}` : title);
    this.name = 'ApiError';
    this.title = title;
    this.detail = problem.detail;
    this.type = problem.type ?? '';
    this.problem = problem;
  }

  /** Whether the problem type is `/problems/<slug>`. */
  is(slug: string): boolean {
    return this.type.endsWith(`/problems/${slug}`);
  }
}

/** Methods that change something: they carry the session's CSRF token. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'X-CSRF-Token';
export const SHARE_HEADER = 'X-Share-Token';

/** What the app proves itself with beside the session cookie (which the browser sends on its own). */
export interface Credentials {
  /** The session's CSRF token, from sign-in or `/api/auth/me`; kept in memory only. */
  csrfToken: string | null;
  /** A share link's token, when the page was opened from one. */
  shareToken: string | null;
}

export function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

/**
 * The credential headers for one request. Only requests to our own origin get any: a basemap
 * server must never see a share token or a CSRF token. The CSRF token goes only with methods
 * that change something (the server ignores it elsewhere, and it should not travel needlessly).
 */
export function credentialHeaders(method: string, url: string, credentials: Credentials, origin: string): Record<string, string> {
  if (!isSameOrigin(url, origin)) return {};
  const headers: Record<string, string> = {};
  if (credentials.csrfToken && UNSAFE_METHODS.has(method.toUpperCase())) headers[CSRF_HEADER] = credentials.csrfToken;
  if (credentials.shareToken) headers[SHARE_HEADER] = credentials.shareToken;
  return headers;
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** The body's media type when not plain JSON (`application/merge-patch+json`). */
  contentType?: string;
  /** Media type wanted; problem+json is always accepted too. */
  accept?: string;
  signal?: AbortSignal;
  /** The caller explains 401 and 403 itself; the page-wide listeners are told it is handled. */
  quiet?: boolean;
}

/**
 * Page-wide reactions to refusals. They hear of every one, so the page can, say, show itself
 * signed out after a 401, and explain only those the caller did not (`handled` false).
 */
export interface RefusalListeners {
  /** 401: nobody (or nobody valid) is signed in; offer sign-in, or say the share link is dead. */
  unauthenticated?(error: ApiError, handled: boolean): void;
  /** 403: signed in, but the role does not allow it; explain which role is needed. */
  forbidden?(error: ApiError, handled: boolean): void;
}

/**
 * The one way the app talks to the API: adds the credential headers, turns every non-2xx answer
 * into an {@link ApiError}, tells the page about 401s and 403s, and when the server rejects a
 * stale CSRF token (another tab signed in again) fetches the current one and retries once.
 */
export class ApiClient {
  private readonly credentials: Credentials = { csrfToken: null, shareToken: null };
  private listeners: RefusalListeners = {};
  private refreshCsrf: (() => Promise<string | null>) | null = null;

  constructor(private readonly origin: () => string) {}

  setCsrfToken(token: string | null): void {
    this.credentials.csrfToken = token;
  }

  setShareToken(token: string | null): void {
    this.credentials.shareToken = token;
  }

  get shareToken(): string | null {
    return this.credentials.shareToken;
  }

  listen(listeners: RefusalListeners): void {
    this.listeners = listeners;
  }

  /** How to get a fresh CSRF token when the server says ours is stale (null: signed out). */
  onCsrfRejected(refresh: () => Promise<string | null>): void {
    this.refreshCsrf = refresh;
  }

  /** For MapLibre's `transformRequest`: the same credential headers on style, TileJSON and tile requests. */
  readonly transformRequest = (url: string): { url: string; headers: Record<string, string> } | undefined => {
    const headers = credentialHeaders('GET', url, this.credentials, this.origin());
    return Object.keys(headers).length > 0 ? { url, headers } : undefined;
  };

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let response = await this.send(method, path, options);
    if (response.status === 403 && this.refreshCsrf && UNSAFE_METHODS.has(method.toUpperCase())) {
      const error = await problemOf(response.clone());
      if (error.is('csrf-token-invalid')) {
        this.setCsrfToken(await this.refreshCsrf());
        response = await this.send(method, path, options);
      }
    }
    if (!response.ok) {
      const error = await problemOf(response);
      if (error.status === 401) this.listeners.unauthenticated?.(error, options.quiet === true);
      if (error.status === 403) this.listeners.forbidden?.(error, options.quiet === true);
      throw error;
    }
    if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: `${options.accept ?? 'application/json'}, application/problem+json`,
      ...credentialHeaders(method, path, this.credentials, this.origin()),
    };
    if (options.body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    try {
      return await fetch(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, { title: 'The server cannot be reached', detail: 'Check the connection and try again.' });
    }
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    problem = (await response.json().catch(() => ({}))) as Problem;
  }
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  return new ApiError(
    response.status,
    { ...problem, title: problem.title ?? (response.statusText || 'Request failed') },
    Number.isFinite(retryAfter) ? Math.max(0, Math.ceil(retryAfter)) : null,
  );
}

/** The page's client; relative paths resolve against the page's origin. */
export const api = new ApiClient(() => globalThis.location?.origin ?? 'http://localhost');

/** The baseline plan is the settlement as it exists today. */
export const BASELINE_PLAN = 'baseline';

const seg = encodeURIComponent;

export function planPath(settlementId: string, planId: string = BASELINE_PLAN): string {
  return `/api/settlements/${seg(settlementId)}/plans/${seg(planId)}`;
}

export function itemPath(settlementId: string, planId: string, layer: TileLayer, featureId: string): string {
  return `${planPath(settlementId, planId)}/collections/${seg(layer)}/items/${seg(featureId)}`;
}

export const fetchLanding = (): Promise<Landing> => api.request<Landing>('GET', '/api');

export const fetchStyle = (settlementId: string, planId: string = BASELINE_PLAN): Promise<StyleSpecification> =>
  api.request<StyleSpecification>('GET', `${planPath(settlementId, planId)}/style.json`);

/** Names, extent and what the caller may do with a plan; where a page opened from a share link starts. */
export const fetchPlanAccess = (settlementId: string, planId: string): Promise<PlanAccess> =>
  api.request<PlanAccess>('GET', `${planPath(settlementId, planId)}/access`, { quiet: true });

export const fetchItem = (
  settlementId: string,
  planId: string,
  layer: TileLayer,
  featureId: string,
  signal?: AbortSignal,
): Promise<ItemFeature> =>
  api.request<ItemFeature>('GET', itemPath(settlementId, planId, layer, featureId), { accept: 'application/geo+json', signal });
