/**
 * Fill patterns the style names but no sprite provides (the app ships no sprite so it works
 * offline): they are drawn here, on demand, when MapLibre reports them missing.
 */
export interface PatternImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const HATCHES: Record<string, [number, number, number]> = {
  'coplan-hatch-no-build': [0xd5, 0x5e, 0x00],
};

export function isKnownPattern(id: string): boolean {
  return Object.hasOwn(HATCHES, id);
}

/** A tileable diagonal hatch (45°, lines every `size / 2` px) in the pattern's colour. */
export function hatchPattern(id: string, size = 16): PatternImage | null {
  if (!isKnownPattern(id)) return null;
  const rgb = HATCHES[id]!;
  const data = new Uint8Array(size * size * 4);
  const period = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = (x + y) % period;
      const onLine = d < 1.5 || d > period - 0.5;
      const i = (y * size + x) * 4;
      data.set([rgb[0], rgb[1], rgb[2], onLine ? 230 : 0], i);
    }
  }
  return { width: size, height: size, data };
}
