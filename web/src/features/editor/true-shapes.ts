import { api, planPath } from '../../api/client';
import type { Geometry, ItemFeature } from '../../api/types';

/**
 * The stored geometries of the footpaths and structures in view, read from the plan's OGC API
 * items, so that a vertex snaps to a corner's exact coordinates. The tiles the map draws are
 * quantised (a z15 tile's 4096 units are about 30 cm apart in Dar es Salaam): snapping to what
 * the map draws would put a path's end beside a corner, never on it.
 */

/**
 * Below this zoom a view holds too many features to read, and no one aims at a corner: a 1280 × 800
 * view at z17 spans about 760 × 480 m, in dense Tandale some 1,500 structures (within LIMIT).
 */
const MIN_ZOOM = 17;
/** The most features of a layer read for one view (the items endpoint's page). */
const LIMIT = 2000;
const LAYERS = ['footpaths', 'structures'] as const;

export class TrueShapes {
  private readonly shapes = new Map<string, Geometry>();
  private request: AbortController | null = null;

  constructor(
    private readonly settlementId: string,
    private readonly planId: string,
  ) {}

  /** The stored geometry of feature `id` (a UUID), if it was in a view read lately. */
  get(id: unknown): Geometry | undefined {
    return typeof id === 'string' ? this.shapes.get(id) : undefined;
  }

  /** Reads the features within `bbox` (CRS84); an older read still running is dropped. */
  async read(bbox: [number, number, number, number], zoom: number): Promise<void> {
    this.request?.abort();
    if (zoom < MIN_ZOOM) return;
    const request = new AbortController();
    this.request = request;
    const box = bbox.map((n) => n.toFixed(7)).join(',');
    try {
      const pages = await Promise.all(
        LAYERS.map((layer) =>
          api.request<{ features: ItemFeature[] }>('GET', `${planPath(this.settlementId, this.planId)}/collections/${layer}/items?limit=${LIMIT}&bbox=${box}`, {
            accept: 'application/geo+json',
            quiet: true,
            signal: request.signal,
          }),
        ),
      );
      // only the view's: what is out of view is not snapped to, and an edit since is read afresh
      this.shapes.clear();
      for (const page of pages) for (const f of page.features) if (f.geometry) this.shapes.set(f.id, f.geometry);
    } catch (e) {
      // snapping falls back to the tiles' coordinates: near, not exact, and nothing breaks
      if (!(e instanceof DOMException && e.name === 'AbortError')) console.warn('snap shapes', e);
    }
  }
}
