import type { Geometry } from '../../api/types';
import { t } from '../../i18n/i18n';
import type { CoplanMap } from '../../map/create-map';
import { el } from '../../ui/element';
import type { DrawController } from './draw';
import { roundGeometry } from './geometry';
import type { KeyboardSketch } from './keyboard-sketch';
import type { Overlays } from './overlays';

/** The keys that add a vertex at the map's centre cross. */
const ADD_KEYS = ['Enter', ' '];
const FINISH_KEY = 'f';

/**
 * Drawing without a mouse: with the keyboard on the map (arrow keys move it under the centre
 * cross), Enter or Space adds a vertex at the cross, snapped as a pointer's would be; Backspace
 * takes the last back; F finishes. Every step is said in a polite live region and the vertices so
 * far are drawn on the map. Escape (stop drawing) is the editor's, as for the pointer.
 */
export class KeyboardDrawing {
  /** Where each step is told to a screen reader. */
  readonly announcer = el('p', { class: 'visually-hidden', id: 'editor-announce', role: 'status', 'aria-live': 'polite' });

  constructor(
    private readonly map: CoplanMap,
    private readonly draw: DrawController,
    private readonly overlays: Overlays,
  ) {}

  /** Handles a key of drawing pressed on the map; true when it was one. `done` gets the finished shape. */
  key(e: KeyboardEvent, sketch: KeyboardSketch, done: (geometry: Geometry) => void): boolean {
    if (e.target !== this.map.getCanvas()) return false;
    if (ADD_KEYS.includes(e.key)) {
      // the pointer's own sketch (Terra Draw) finishes with Enter: not the keyboard's business
      if (this.draw.sketching && sketch.count === 0) return false;
      const canvas = this.map.getCanvas();
      const centre: [number, number] = [canvas.clientWidth / 2, canvas.clientHeight / 2];
      const snapped = this.draw.snapAt(centre);
      const at = snapped ?? (roundGeometry({ type: 'Point', coordinates: this.map.unproject(centre).toArray() }).coordinates as [number, number]);
      const step = sketch.add(at);
      if (step.kind === 'done') {
        this.announce(t('editor.kbd.placed'));
        done(step.geometry);
        return true;
      }
      this.announce(step.kind === 'same' ? t('editor.kbd.same') : t(snapped ? 'editor.kbd.addedSnapped' : 'editor.kbd.added', { n: step.count }));
      this.overlays.setSketch(sketch.preview());
      return true;
    }
    if (e.key === 'Backspace') {
      this.announce(sketch.undo() ? t('editor.kbd.removed', { n: sketch.count }) : t('editor.kbd.nothing'));
      this.overlays.setSketch(sketch.preview());
      return true;
    }
    if (e.key.toLowerCase() === FINISH_KEY) {
      const end = sketch.finish();
      if (end.kind === 'short') this.announce(t('editor.kbd.short', { needed: end.needed, n: end.count }));
      else done(end.geometry);
      return true;
    }
    return false;
  }

  announce(message: string): void {
    // the same words twice are still said twice: the region is emptied first
    this.announcer.textContent = '';
    window.setTimeout(() => {
      this.announcer.textContent = message;
    }, 50);
  }
}
