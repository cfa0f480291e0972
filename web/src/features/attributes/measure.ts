import type { Geometry } from '../../api/types';

/** WGS84 semi-major axis, as the spherical-excess area formula below assumes. */
const EARTH_RADIUS_M = 6378137;
/** Mean earth radius for great-circle lengths. */
const MEAN_RADIUS_M = 6371008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/**
 * Area of a lon/lat ring on the sphere (Chamberlain & Duquette 2007, as used by d3 and turf):
 * accurate to well under 1% for footprints and blocks, which is what a panel needs.
 */
function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += rad(b[0]! - a[0]!) * (2 + Math.sin(rad(a[1]!)) + Math.sin(rad(b[1]!)));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

function polygonArea(rings: number[][][]): number {
  const [outer, ...holes] = rings;
  if (!outer) return 0;
  return Math.max(0, ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0));
}

/** Haversine length of a lon/lat line string. */
function lineLength(line: number[][]): number {
  let sum = 0;
  for (let i = 0; i < line.length - 1; i++) {
    const [lon1, lat1] = line[i]!;
    const [lon2, lat2] = line[i + 1]!;
    const dLat = rad(lat2! - lat1!);
    const dLon = rad(lon2! - lon1!);
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1!)) * Math.cos(rad(lat2!)) * Math.sin(dLon / 2) ** 2;
    sum += 2 * MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  return sum;
}

/** Area in m² of a (multi)polygon; null for other geometry types. */
export function areaM2(geometry: Geometry | null): number | null {
  if (geometry?.type === 'Polygon') return polygonArea(geometry.coordinates);
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates.reduce((s, p) => s + polygonArea(p), 0);
  return null;
}

/** Length in m of a (multi)line string; null for other geometry types. */
export function lengthM(geometry: Geometry | null): number | null {
  if (geometry?.type === 'LineString') return lineLength(geometry.coordinates);
  if (geometry?.type === 'MultiLineString') return geometry.coordinates.reduce((s, l) => s + lineLength(l), 0);
  return null;
}
