/** Shapes of the coplan HTTP API, exactly as the server sends them. */

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface Link {
  href: string;
  rel?: string;
  type?: string;
  title?: string;
}

export interface Settlement {
  id: string;
  name: string;
  category: string;
  bbox: Bbox;
  links?: Link[];
}

/** A raster XYZ basemap the deployment may offer; null when the app must run without one. */
export interface Basemap {
  url: string;
  attribution: string;
}

export interface Landing {
  title: string;
  basemap: Basemap | null;
  settlements: Settlement[];
  links?: Link[];
}

/** The vector tile layers (source-layer names) a plan's tiles carry. */
export type TileLayer = 'structures' | 'footpaths' | 'services' | 'constraints';

export type Geometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export type PropertyValue = string | number | boolean | null;

/** One feature from `.../collections/{layer}/items/{id}` (application/geo+json). */
export interface ItemFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, PropertyValue | undefined>;
  links?: Link[];
}

/** RFC 9457 problem details, as every API error carries. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** Extension members (RFC 9457 section 3.2), e.g. `requiredRole` on a 403. */
  [member: string]: unknown;
}

/** A settlement role, lowest first (each includes the ones before it). */
export type Role = 'viewer' | 'community_reviewer' | 'engineer' | 'planner';

export interface User {
  username: string;
  displayName: string;
  admin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface Membership {
  settlement: string;
  role: Role;
}

/** Who is signed in: the answer of `POST /api/auth/login` and `GET /api/auth/me`. */
export interface Me {
  user: User;
  memberships: Membership[];
  credential: 'session' | 'token';
  /** The session's CSRF token, to send as `X-CSRF-Token` on every change. */
  csrfToken?: string;
  /** Set when the credential is an API token. */
  token?: { scope: 'read' | 'read_write'; settlement?: string | null };
}

/** `GET .../plans/{pid}/access`: how the caller reads a plan and what they may do with it. */
export interface PlanAccess {
  settlement: string;
  settlementName: string;
  bbox: Bbox;
  plan: string;
  planName: string;
  planStatus: string;
  via: 'admin' | 'member' | 'public' | 'share-link';
  role: Role | null;
  canEdit: boolean;
  canManage: boolean;
}

/** A share link as listed; `token` and `url` only in the answer that created it. */
export interface ShareLink {
  id: number;
  settlement: string;
  plan: string;
  shown: string;
  label: string | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  token?: string;
  url?: string;
}
