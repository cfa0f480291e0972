import type { Me, Role } from '../../api/types';

/** Settlement roles, lowest first: each may do everything the roles before it may. */
export const ROLES: readonly Role[] = ['viewer', 'community_reviewer', 'engineer', 'planner'];

/**
 * What the UI may offer, and who may do it (docs/security.md). Hiding an action is a courtesy to
 * the user; the server refuses it anyway. New features add their actions here.
 */
export const ACTIONS = {
  /** Comment on and react to plans shared for review. */
  'plan.comment': 'community_reviewer',
  /** Write geometry through the API (the engineer's as-built surveys). */
  'geometry.write': 'engineer',
  /** Import features from files into a plan's layer (staged: preview, then commit). */
  'plan.import': 'engineer',
  /** Download the plan's layers (GeoPackage, DXF ...). */
  'plan.export': 'engineer',
  /** Edit every layer of a plan. */
  'plan.edit': 'planner',
  /** Change the settlement's representation: cells, clusters, segments and who is in each (CSV too). */
  'representation.edit': 'planner',
  /** Create, copy, rename and archive plans. */
  'plans.manage': 'planner',
  /** Give people a role in the settlement. */
  'members.manage': 'planner',
  /** Make and revoke read-only share links to a plan. */
  'shareLinks.manage': 'planner',
  /** Create and disable accounts. */
  'users.manage': 'admin',
} as const satisfies Record<string, Role | 'admin'>;

export type Action = keyof typeof ACTIONS;

export interface Permissions {
  readonly signedIn: boolean;
  /** The caller's role in the settlement; null for admins without one, outsiders and visitors. */
  readonly role: Role | null;
  /** A server admin (with a credential not limited to another settlement). */
  readonly admin: boolean;
  /** Everything read-only: share-link visitors and read-only API tokens. */
  readonly readOnly: boolean;
  can(action: Action): boolean;
}

const rank = (role: Role): number => ROLES.indexOf(role);

/** Whether `role` includes `needed` (a planner may do what a viewer may). */
export function includes(role: Role, needed: Role): boolean {
  return rank(role) >= rank(needed);
}

/**
 * What `me` may do in settlement `settlementId`: admins everything; members what their role
 * includes; everyone else (and anyone on a share link, or with a read-only token) nothing.
 */
export function permissionsFor(me: Me | null, settlementId: string | null, options: { shareLink?: boolean } = {}): Permissions {
  const token = me?.token;
  const reaches = !token?.settlement || token.settlement === settlementId;
  const readOnly = options.shareLink === true || token?.scope === 'read';
  const admin = !!me?.user.admin && reaches;
  const membership = reaches && settlementId !== null ? me?.memberships.find((m) => m.settlement === settlementId) : undefined;
  const role = membership?.role ?? null;
  return {
    signedIn: me !== null,
    role,
    admin,
    readOnly,
    can(action) {
      if (readOnly) return false;
      const needed = ACTIONS[action];
      if (admin) return true;
      return needed !== 'admin' && role !== null && includes(role, needed);
    },
  };
}

export const ANONYMOUS: Permissions = permissionsFor(null, null);
