import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, credentialHeaders, fetchItem, itemPath, planPath } from '../../src/api/client';
import { humanise, valueLabel } from '../../src/api/vocabulary';

afterEach(() => vi.unstubAllGlobals());

const ORIGIN = 'https://coplan.example.org';
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } });

/** A client whose fetch answers from `answers` in turn and records each request's headers. */
function clientWith(...answers: Response[]) {
  const seen: Array<{ url: string; method: string; headers: Record<string, string> }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string> });
    return answers.shift() ?? json({});
  });
  return { client: new ApiClient(() => ORIGIN), seen };
}

describe('API paths', () => {
  it('escapes every path segment', () => {
    expect(planPath('tandale')).toBe('/api/settlements/tandale/plans/baseline');
    expect(itemPath('a b', 'p/1', 'structures', '5f0c?x')).toBe('/api/settlements/a%20b/plans/p%2F1/collections/structures/items/5f0c%3Fx');
  });
});

describe('credential headers', () => {
  const credentials = { csrfToken: 'csrf-1', shareToken: 'cps_abc' };

  it('add the CSRF token only to methods that change something', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(credentialHeaders(method, '/api/x', credentials, ORIGIN)['X-CSRF-Token'], method).toBe('csrf-1');
    }
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(credentialHeaders(method, '/api/x', credentials, ORIGIN)['X-CSRF-Token'], method).toBeUndefined();
    }
  });

  it('add the share token to our own origin only, never to a basemap or other server', () => {
    expect(credentialHeaders('GET', '/api/settlements/t/plans/b/tiles.json', credentials, ORIGIN)).toEqual({ 'X-Share-Token': 'cps_abc' });
    expect(credentialHeaders('GET', `${ORIGIN}/api/settlements/t/plans/b/tiles/15/1/2.mvt`, credentials, ORIGIN)).toEqual({ 'X-Share-Token': 'cps_abc' });
    for (const foreign of [
      'https://tile.openstreetmap.org/15/1/2.png',
      'https://coplan.example.org.evil.net/api/x',
      'http://coplan.example.org/api/x', // another scheme is another origin
      'https://coplan.example.org:8443/api/x',
      '//elsewhere.example.com/api/x',
    ]) {
      expect(credentialHeaders('POST', foreign, credentials, ORIGIN), foreign).toEqual({});
    }
  });

  it('are empty when the page holds no tokens', () => {
    expect(credentialHeaders('POST', '/api/x', { csrfToken: null, shareToken: null }, ORIGIN)).toEqual({});
  });
});

describe('transformRequest for MapLibre', () => {
  it('adds the share token to TileJSON and tile requests of our origin, and leaves others untouched', () => {
    const client = new ApiClient(() => ORIGIN);
    expect(client.transformRequest(`${ORIGIN}/api/settlements/t/plans/b/tiles/15/1/2.mvt`)).toBeUndefined();
    client.setShareToken('cps_abc');
    client.setCsrfToken('csrf-1');
    const tile = `${ORIGIN}/api/settlements/t/plans/b/tiles/15/1/2.mvt`;
    expect(client.transformRequest(tile)).toEqual({ url: tile, headers: { 'X-Share-Token': 'cps_abc' } });
    expect(client.transformRequest('https://basemap.example.net/15/1/2.png')).toBeUndefined();
  });
});

describe('ApiClient.request', () => {
  it('sends JSON with the CSRF token on a change and none on a read', async () => {
    const { client, seen } = clientWith(json({ id: 1 }, 201), json({ shareLinks: [] }));
    client.setCsrfToken('csrf-1');
    await client.request('POST', '/api/settlements/t/plans/b/share-links', { body: { label: 'x' } });
    await client.request('GET', '/api/settlements/t/plans/b/share-links');
    expect(seen[0]!.headers).toMatchObject({ 'X-CSRF-Token': 'csrf-1', 'Content-Type': 'application/json' });
    expect(seen[1]!.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('answers undefined for 204 No Content', async () => {
    const { client } = clientWith(new Response(null, { status: 204 }));
    await expect(client.request('POST', '/api/auth/logout')).resolves.toBeUndefined();
  });

  it('tells the page about a 401 (offer sign-in) and a 403 (explain the role), and whether the caller handles them', async () => {
    const unauthenticated = vi.fn();
    const forbidden = vi.fn();
    const problem401 = { type: '/problems/unauthenticated', title: 'Authentication required', status: 401, detail: 'your session has ended; sign in again' };
    const problem403 = { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: "this needs the role planner (or higher) in settlement 'tandale'; your role there is viewer" };
    const { client } = clientWith(json(problem401, 401), json(problem403, 403), json(problem401, 401));
    client.listen({ unauthenticated, forbidden });

    const e401 = await client.request('GET', '/api/settlements/tandale').catch((e: unknown) => e);
    expect(e401).toBeInstanceOf(ApiError);
    expect(e401).toMatchObject({ status: 401, type: '/problems/unauthenticated', detail: problem401.detail });
    expect(unauthenticated).toHaveBeenCalledWith(e401, false);

    const e403 = await client.request('PUT', '/api/settlements/tandale/members/amina', { body: { role: 'viewer' } }).catch((e: unknown) => e);
    expect(forbidden).toHaveBeenCalledWith(e403, false);
    expect((e403 as ApiError).is('forbidden')).toBe(true);

    const quiet = await client.request('GET', '/api/auth/me', { quiet: true }).catch((e: unknown) => e);
    expect(unauthenticated).toHaveBeenLastCalledWith(quiet, true);
  });

  it('reads how long to wait from Retry-After on a 429', async () => {
    const problem = { type: '/problems/too-many-login-attempts', title: 'Too many login attempts', status: 429, detail: 'try again in 4 s' };
    const { client } = clientWith(json(problem, 429, { 'retry-after': '4' }));
    await expect(client.request('POST', '/api/auth/login', { body: {}, quiet: true })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 4 });
  });

  it('fetches a fresh CSRF token once when the server rejects a stale one, and retries', async () => {
    const stale = { type: '/problems/csrf-token-invalid', title: 'CSRF token missing or wrong', status: 403 };
    const { client, seen } = clientWith(json(stale, 403), json({ id: 7 }, 201));
    client.setCsrfToken('old');
    client.onCsrfRejected(async () => 'new');
    await expect(client.request('POST', '/api/x', { body: {} })).resolves.toEqual({ id: 7 });
    expect(seen.map((r) => r.headers['X-CSRF-Token'])).toEqual(['old', 'new']);
  });

  it('does not retry a 403 that is about the role', async () => {
    const refresh = vi.fn(async () => 'new');
    const { client, seen } = clientWith(json({ type: '/problems/forbidden', title: 'Forbidden', status: 403 }, 403));
    client.onCsrfRejected(refresh);
    await expect(client.request('POST', '/api/x', { body: {}, quiet: true })).rejects.toMatchObject({ status: 403 });
    expect(refresh).not.toHaveBeenCalled();
    expect(seen).toHaveLength(1);
  });
});

describe('fetchItem', () => {
  it('asks for GeoJSON and returns the feature', async () => {
    const feature = { type: 'Feature', id: 'u1', geometry: null, properties: { use: 'school' } };
    const fetch = vi.fn(async () => new Response(JSON.stringify(feature), { headers: { 'content-type': 'application/geo+json' } }));
    vi.stubGlobal('fetch', fetch);
    await expect(fetchItem('tandale', 'baseline', 'structures', 'u1')).resolves.toEqual(feature);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/settlements/tandale/plans/baseline/collections/structures/items/u1');
    expect((init.headers as Record<string, string>).Accept).toContain('application/geo+json');
  });

  it('turns problem+json into an ApiError carrying the title and detail', async () => {
    const problem = { type: 'about:blank', title: 'Feature not found', status: 404, detail: 'No structure u1 in plan baseline' };
    vi.stubGlobal('fetch', async () => json(problem, 404));
    const error = await fetchItem('tandale', 'baseline', 'structures', 'u1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, title: 'Feature not found', detail: 'No structure u1 in plan baseline' });
  });

  it('explains an unreachable server without leaking the network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchItem('t', 'b', 'services', 'x')).rejects.toMatchObject({ status: 0, title: 'The server cannot be reached' });
  });
});

describe('vocabulary', () => {
  it('labels coded values and humanises unknown ones', () => {
    expect(valueLabel('severity', 'no_build')).toBe('No-build');
    expect(valueLabel('type', 'high_mast_light')).toBe('High-mast light');
    expect(valueLabel('use', 'market_stall')).toBe('Market stall');
    expect(humanise('under-construction')).toBe('Under construction');
  });

  it('treats "constructor" and "__proto__" as ordinary unknown values', () => {
    expect(valueLabel('use', 'constructor')).toBe('Constructor');
    expect(valueLabel('constructor', 'toString')).toBe('ToString');
    expect(valueLabel('__proto__', '__proto__')).toBe('Proto');
  });
});
