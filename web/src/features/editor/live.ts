import { api, planPath } from '../../api/client';

/** One feature of a `feature` event: who changed what, and where it was and is. */
export interface ChangedFeature {
  id: string;
  version: number;
  deleted: boolean;
  author: string | null;
}

export interface FeatureEvent {
  plan: string;
  layer: string;
  count: number;
  features: ChangedFeature[];
}

export interface LiveHandlers {
  feature(event: FeatureEvent): void;
  /** The server may have missed changes: read everything again. */
  reload(): void;
  /** The plan's stored conflicts changed: the analysis has taken an edit in. */
  analysis?(): void;
  state(state: 'connecting' | 'live' | 'offline'): void;
}

/**
 * Follows a plan through its server-sent event stream (`GET .../plans/{pid}/events`): every
 * committed change of the plan's features or the baseline's, by anyone. `EventSource` reconnects
 * by itself when the server ends the stream; a share link's token rides in the query, as the
 * presentation page does it.
 */
export function followPlan(settlementId: string, planId: string, handlers: LiveHandlers): () => void {
  const token = api.shareToken;
  const source = new EventSource(`${planPath(settlementId, planId)}/events${token ? `?share=${encodeURIComponent(token)}` : ''}`);
  handlers.state('connecting');
  source.addEventListener('ready', () => handlers.state('live'));
  source.addEventListener('error', () => handlers.state(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
  source.addEventListener('feature', (e) => {
    try {
      handlers.feature(JSON.parse((e as MessageEvent<string>).data) as FeatureEvent);
    } catch (error) {
      console.warn('unreadable feature event', error);
    }
  });
  source.addEventListener('reload', () => handlers.reload());
  source.addEventListener('analysis', () => handlers.analysis?.());
  return () => source.close();
}
