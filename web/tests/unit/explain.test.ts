import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client';
import { explainProblem, forbiddenRole } from '../../src/api/explain';
import { setLocale } from '../../src/i18n/i18n';

afterEach(() => setLocale('en'));

/** The 403 detail exactly as AccessPolicy words it (VisibilityIT, ShareLinkIT). */
const ROLE_DETAIL = "this needs the role planner (or higher) in settlement 'tandale'; your role there is viewer";
const problem = (status: number, slug: string, detail?: string, retryAfter: number | null = null) =>
  new ApiError(status, { type: `/problems/${slug}`, title: slug, detail }, retryAfter);
const names = (id: string) => (id === 'tandale' ? 'Tandale' : id);

describe('explainProblem', () => {
  it('reads the role a 403 needs back into plain words, in the reader language', () => {
    const error = problem(403, 'forbidden', ROLE_DETAIL);
    expect(forbiddenRole(error)).toEqual({ needed: 'planner', settlement: 'tandale', yours: 'viewer' });
    expect(explainProblem(error, names)).toBe('This needs the role Planner (or higher) in Tandale. Your role there is Viewer.');
    setLocale('sw');
    expect(explainProblem(error, names)).toBe('Hili linahitaji jukumu la Mpangaji (au la juu zaidi) katika Tandale. Jukumu lako huko ni Mtazamaji.');
  });

  it('prefers the problem members to the English detail', () => {
    const members = new ApiError(403, {
      type: '/problems/forbidden',
      title: 'Forbidden',
      detail: 'worded differently now',
      settlement: 'tandale',
      requiredRole: 'engineer',
      currentRole: null,
    });
    expect(forbiddenRole(members)).toEqual({ needed: 'engineer', settlement: 'tandale', yours: null });
    expect(explainProblem(members, names)).toBe('This needs the role Engineer (or higher) in Tandale, and you are not a member there.');
  });

  it('says so when the caller is not a member, and covers the other refusals', () => {
    const outsider = problem(403, 'forbidden', "this needs the role engineer (or higher) in settlement 'kigogo'; you are not a member");
    expect(explainProblem(outsider)).toBe('This needs the role Engineer (or higher) in kigogo, and you are not a member there.');
    expect(explainProblem(problem(403, 'forbidden', 'only server admins may use this endpoint'))).toBe('Only server administrators may do this.');
    expect(explainProblem(problem(403, 'forbidden', 'this token may only read'))).toMatch(/read-only/);
    expect(explainProblem(problem(403, 'csrf-token-invalid', 'changes made with a session cookie need ...'))).toMatch(/Reload the page/);
    expect(explainProblem(problem(403, 'forbidden', 'something new'))).toBe('You do not have permission to do this.');
  });

  it('turns 401s into what to do: sign in, sign in again, or get a new link', () => {
    expect(explainProblem(problem(401, 'invalid-credentials', 'unknown username or wrong password'))).toMatch(/username or the password is not right/);
    expect(explainProblem(problem(401, 'unauthenticated', 'your session has ended; sign in again'))).toMatch(/session has ended/);
    expect(explainProblem(problem(401, 'unauthenticated', "the share link is unknown or has been revoked; sign in, send an API token or use a share link to see settlement 'x'"))).toMatch(/revoked/);
    expect(explainProblem(problem(401, 'unauthenticated', "sign in, send an API token or use a share link to see settlement 'x'"))).toBe('Sign in to see this.');
  });

  it('says how long to wait after too many attempts, offline, server errors, and unknown failures', () => {
    expect(explainProblem(problem(429, 'too-many-login-attempts', 'try again in 8 s', 8))).toBe('Too many failed attempts. Try again in 8 s.');
    expect(explainProblem(new ApiError(0, { title: 'The server cannot be reached' }))).toMatch(/cannot be reached/);
    expect(explainProblem(problem(500, 'internal', 'trace id abc'))).toMatch(/went wrong on the server/);
    expect(explainProblem(problem(400, 'invalid-body', 'label must be at most 200 characters'))).toBe('The server did not accept this: label must be at most 200 characters');
    expect(explainProblem(new TypeError('x is undefined'))).toBe('Something unexpected went wrong. Please reload the page.');
  });
});
