import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import './controls.css';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Bbox } from '../api/types';
import { type FitPadding, MIN_SETTLEMENT_ZOOM, fitPadding, usableBbox } from './camera';
import { mapUiStrings } from './locale';
import { hatchPattern } from './patterns';

maplibregl.setWorkerUrl(workerUrl);

export type CoplanMap = maplibregl.Map;

/** The vector source every style from the server names. */
export const DATA_SOURCE = 'coplan';

export interface MapHooks {
  /** A map error the user should know about (failed tiles, bad style); already logged as a warning. */
  onError(message: string): void;
  /** Adds credentials (a share link's token) to MapLibre's requests to our origin. */
  transformRequest?: maplibregl.RequestTransformFunction;
  /** Keeps the drawn frame readable (`canvas.toDataURL()`), for the printable summary's map image. */
  preserveDrawingBuffer?: boolean;
}

export function createMap(container: HTMLElement, style: StyleSpecification, hooks: MapHooks): CoplanMap {
  const map = new maplibregl.Map({
    container,
    style,
    attributionControl: false,
    maxPitch: 0,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    hash: false,
    locale: mapUiStrings(),
    transformRequest: hooks.transformRequest,
    ...(hooks.preserveDrawingBuffer ? { canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 160 }), 'bottom-right');
  map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');

  // The style names hatch patterns that no sprite provides; they are drawn here when first needed.
  map.setMissingStyleImageResolver((id) => {
    const image = hatchPattern(id);
    if (image && !map.hasImage(id)) map.addImage(id, image, { pixelRatio: 2 });
  });
  // A listener replaces MapLibre's default console.error: a missing tile must not break the page.
  map.on('error', (e) => {
    const message = e.error?.message ?? 'The map could not load some data';
    console.warn('map error', e.error);
    hooks.onError(message);
  });
  return map;
}

/**
 * Shows the whole settlement, but never so far out that the tiles drop the structures.
 * `covered` is how much of each map edge floating panels hide (in px), to keep the settlement clear of them.
 */
export function fitSettlement(map: CoplanMap, bbox: Bbox, animate: boolean, covered: Partial<FitPadding> = {}): void {
  if (!usableBbox(bbox)) return;
  const canvas = map.getContainer();
  const base = fitPadding(canvas.clientWidth, canvas.clientHeight);
  const padding = {
    top: base.top + (covered.top ?? 0),
    bottom: base.bottom + (covered.bottom ?? 0),
    left: base.left + (covered.left ?? 0),
    right: base.right + (covered.right ?? 0),
  };
  const camera = map.cameraForBounds(bbox, { padding });
  if (!camera) return;
  const zoom = Math.max(MIN_SETTLEMENT_ZOOM, camera.zoom ?? MIN_SETTLEMENT_ZOOM);
  const target = { center: camera.center ?? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2], zoom, bearing: 0 };
  if (animate) map.easeTo({ ...target, duration: 600 });
  else map.jumpTo(target);
}

/**
 * Sets `document.body.dataset.mapReady` to "true" at the first `idle` once the data source has
 * loaded (tests and screenshot tools wait for it); "false" while a settlement is loading.
 */
export function markReadyWhenIdle(map: CoplanMap): void {
  document.body.dataset.mapReady = 'false';
  const onIdle = (): void => {
    if (!map.getSource(DATA_SOURCE) || !map.isSourceLoaded(DATA_SOURCE)) return;
    map.off('idle', onIdle);
    document.body.dataset.mapReady = 'true';
  };
  map.on('idle', onIdle);
}
