import type { Bbox } from '../api/types';

/**
 * Structures' footprints are only in the tiles from this zoom on (below it they are density cells,
 * server TileSchema.STRUCTURE_ZOOM), so the first view never goes wider.
 */
export const MIN_SETTLEMENT_ZOOM = 15;

export interface FitPadding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Padding that keeps the settlement clear of the floating toolbar and legend. */
export function fitPadding(width: number, height: number): FitPadding {
  const small = width < 640;
  const edge = small ? 12 : Math.round(Math.min(width, height) * 0.04);
  return { top: small ? 72 : edge + 64, bottom: edge + 24, left: edge, right: edge };
}

/** A valid, non-degenerate bbox (some settlements are a single point while being mapped). */
export function usableBbox(bbox: Bbox | undefined): bbox is Bbox {
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(Number.isFinite)) return false;
  const [w, s, e, n] = bbox;
  return w <= e && s <= n && s >= -90 && n <= 90;
}
