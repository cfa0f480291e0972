import { api, planPath } from '../../api/client';
import type { Geometry, PropertyValue } from '../../api/types';

/** `GET .../proposals`: one proposal of a plan, what it does and whom it touches. */
export interface Proposal {
  id: string;
  kind: 'feature' | 'group';
  name: string | null;
  description: string | null;
  features: ProposalFeature[];
  structures: TouchedStructure[];
  households: number;
  people: number;
  cells: UnitShare[];
  clusters: UnitShare[];
}

export interface ProposalFeature {
  layer: 'structures' | 'footpaths' | 'services' | 'constraints';
  id: string;
  action: 'added' | 'modified' | 'removed';
  properties: Record<string, PropertyValue>;
  geometry: Geometry;
}

export interface TouchedStructure {
  id: string;
  households: number | null;
  people: number | null;
  cell: string | null;
  cluster: string | null;
  overlapM2: number;
  share: number;
  how: 'overlapped' | 'changed' | 'removed';
  geometry: Geometry;
}

export interface UnitShare {
  id: string | null;
  name: string | null;
  cluster?: string | null;
  structures: number;
  households: number;
}

export interface Comment {
  id: string;
  parentId: string | null;
  proposal: string | null;
  layer: string | null;
  featureId: string | null;
  location: [number, number] | null;
  body: string;
  author: string;
  authorRole: string;
  createdAt: string;
}

export type Stance = 'agree' | 'object' | 'concern';
export const STANCES: readonly Stance[] = ['agree', 'object', 'concern'];

export interface Reaction {
  id: string;
  proposal: string;
  stance: Stance;
  reason: string | null;
  account: string | null;
  resident: string | null;
  cell: string | null;
  cluster: string | null;
  recordedBy: string;
  createdAt: string;
}

export type Tally = Record<Stance, number>;

export interface Reactions {
  reactions: Reaction[];
  tallies: { proposal: string; total: Tally; byCell: (Tally & { cell: string })[]; byCluster: (Tally & { cluster: string })[] }[];
}

export type Outcome = 'agreed' | 'rejected' | 'needs_change';

export interface Meeting {
  id: string;
  heldOn: string;
  forumLevel: 'cell' | 'cluster' | 'segment' | 'ward';
  forumUnit: string | null;
  attendance: number;
  facilitator: string;
  notes: string | null;
  recordedBy: string;
  createdAt: string;
  decisions: { proposal: string; outcome: Outcome; reason: string }[];
}

export interface NewReaction {
  proposal: string;
  stance: Stance;
  reason?: string;
  onBehalfOf?: { name?: string; cell?: string };
}

export interface NewMeeting {
  heldOn: string;
  forumLevel: Meeting['forumLevel'];
  attendance: number;
  facilitator: string;
  decisions: { proposal: string; outcome: Outcome; reason: string }[];
}

/** The review of one plan, through the API client (which adds a share link's token or the CSRF token). */
export class ReviewApi {
  constructor(
    readonly settlementId: string,
    readonly planId: string,
  ) {}

  private path(tail: string): string {
    return `${planPath(this.settlementId, this.planId)}/${tail}`;
  }

  proposals = async (): Promise<Proposal[]> => (await api.request<{ proposals: Proposal[] }>('GET', this.path('proposals'))).proposals;
  comments = async (): Promise<Comment[]> => (await api.request<{ comments: Comment[] }>('GET', this.path('comments'))).comments;
  reactions = (): Promise<Reactions> => api.request<Reactions>('GET', this.path('reactions'));
  meetings = async (): Promise<Meeting[]> => (await api.request<{ meetings: Meeting[] }>('GET', this.path('meetings'))).meetings;

  comment = (body: { body: string; proposal?: string; parent?: string; location?: [number, number] }): Promise<Comment> =>
    api.request<Comment>('POST', this.path('comments'), { body });
  react = (body: NewReaction): Promise<Reaction> => api.request<Reaction>('POST', this.path('reactions'), { body });
  recordMeeting = (body: NewMeeting): Promise<Meeting> => api.request<Meeting>('POST', this.path('meetings'), { body });

  /** The plan's event stream: review events and feature edits, with a share link's token when there is one. */
  events(): EventSource {
    const token = api.shareToken;
    return new EventSource(this.path('events') + (token ? `?share=${encodeURIComponent(token)}` : ''));
  }
}
