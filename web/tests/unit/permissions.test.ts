import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../../src/api/types';
import { ACTIONS, type Action, permissionsFor } from '../../src/features/auth/permissions';

const me = (memberships: Array<[string, Role]>, extra: Partial<Me> & { admin?: boolean } = {}): Me => ({
  user: { username: 'amina', displayName: 'Amina', admin: extra.admin ?? false, disabled: false, createdAt: '2026-01-01T00:00:00Z' },
  memberships: memberships.map(([settlement, role]) => ({ settlement, role })),
  credential: extra.token ? 'token' : 'session',
  csrfToken: 'c',
  ...(extra.token ? { token: extra.token } : {}),
});

const allowed = (p: ReturnType<typeof permissionsFor>): Action[] => (Object.keys(ACTIONS) as Action[]).filter((a) => p.can(a));

describe('can()', () => {
  it('grows with the role: viewer < community reviewer < engineer < planner (docs/security.md)', () => {
    expect(allowed(permissionsFor(me([['tandale', 'viewer']]), 'tandale'))).toEqual([]);
    expect(allowed(permissionsFor(me([['tandale', 'community_reviewer']]), 'tandale'))).toEqual(['plan.comment']);
    expect(allowed(permissionsFor(me([['tandale', 'engineer']]), 'tandale'))).toEqual(['plan.comment', 'geometry.write', 'plan.import', 'plan.export']);
    expect(allowed(permissionsFor(me([['tandale', 'planner']]), 'tandale'))).toEqual([
      'plan.comment', 'geometry.write', 'plan.import', 'plan.export', 'plan.edit', 'representation.edit', 'plans.manage', 'members.manage', 'shareLinks.manage',
    ]);
  });

  it('is per settlement: a planner of one is nobody in another', () => {
    const planner = me([['tandale', 'planner']]);
    expect(permissionsFor(planner, 'kigogo')).toMatchObject({ role: null, signedIn: true });
    expect(allowed(permissionsFor(planner, 'kigogo'))).toEqual([]);
  });

  it('lets an admin do everything, user management included, member or not', () => {
    const admin = permissionsFor(me([], { admin: true }), 'tandale');
    expect(allowed(admin)).toEqual(Object.keys(ACTIONS));
    expect(admin).toMatchObject({ admin: true, role: null });
    expect(permissionsFor(me([['tandale', 'planner']]), 'tandale').can('users.manage')).toBe(false);
  });

  it('gives anonymous visitors and share-link visitors nothing, whatever their role', () => {
    expect(allowed(permissionsFor(null, 'tandale'))).toEqual([]);
    expect(permissionsFor(null, 'tandale')).toMatchObject({ signedIn: false, role: null });
    const viaLink = permissionsFor(me([['tandale', 'planner']]), 'tandale', { shareLink: true });
    expect(viaLink.readOnly).toBe(true);
    expect(allowed(viaLink)).toEqual([]);
  });

  it('follows the token: read-only tokens change nothing; settlement-limited ones reach only there', () => {
    const readToken = me([['tandale', 'planner']], { token: { scope: 'read', settlement: null } });
    expect(allowed(permissionsFor(readToken, 'tandale'))).toEqual([]);
    const limited = me([['tandale', 'planner'], ['kigogo', 'planner']], { admin: true, token: { scope: 'read_write', settlement: 'tandale' } });
    expect(permissionsFor(limited, 'tandale').can('plan.edit')).toBe(true);
    expect(permissionsFor(limited, 'kigogo')).toMatchObject({ admin: false, role: null });
    expect(permissionsFor(limited, 'kigogo').can('plan.edit')).toBe(false);
  });
});
