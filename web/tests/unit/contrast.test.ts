import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Rgb, contrast, rgb } from './support/contrast';

/** The palette as the page declares it: the custom properties of :root in app.css. */
const css = readFileSync(fileURLToPath(new URL('../../src/ui/app.css', import.meta.url)), 'utf8');
const palette = Object.fromEntries([...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));

const colour = (name: string): Rgb => {
  expect(palette[name], `--${name} in app.css`).toBeDefined();
  return rgb(palette[name]!);
};
/** `top` at `alpha` over `bottom`, as the browser composites a translucent colour. */
const over = (top: Rgb, alpha: number, bottom: Rgb): Rgb => top.map((c, i) => Math.round(c * alpha + bottom[i]! * (1 - alpha))) as Rgb;

const WHITE: Rgb = [255, 255, 255];

describe('WCAG AA contrast of the page palette', () => {
  // [text, background, where]: 4.5:1 for text (WCAG 1.4.3)
  const text: Array<[string, string, string]> = [
    ['ink', 'paper', 'body text, legend, panel, dialogs'],
    ['ink-muted', 'paper', 'labels, kickers, hints'],
    ['chrome-ink', 'chrome', 'top bar and status line'],
    ['chrome-ink-muted', 'chrome', 'plan name of a shared plan'],
    ['danger', 'paper', 'errors in the panel, revoke buttons'],
    ['danger', 'danger-tint', 'form errors'],
    ['ink', 'danger-tint', "the editor's note that someone else changed the feature"],
    ['chrome-ink-muted', 'chrome', 'editor toolbar group dividers and disabled tools'],
    ['chrome-ink', 'danger', 'failed status line'],
    ['ink-on-accent', 'accent', 'primary buttons'],
    ['ink-on-accent', 'accent-hover', 'primary buttons under the pointer'],
    ['ink-on-accent', 'danger', 'revoke button asking to confirm'],
    ['ink', 'button', 'buttons'],
    ['ink', 'button-hover', 'buttons under the pointer'],
    ['ink', 'surface-muted', 'role line in the account menu'],
    ['ink', 'info-tint', 'new share link'],
    ['chrome', 'badge', 'settlement category badge'],
    ['chrome', 'badge-neutral', 'badge of an unassessed settlement'],
    ['ink-on-light-accent', 'focus-on-dark', 'avatar initials, read-only badge'],
  ];
  it.each(text)('%s on %s (%s) is at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the role chip (14 % white over the chrome) readable', () => {
    expect(contrast(WHITE, over(WHITE, 0.14, colour('chrome')))).toBeGreaterThanOrEqual(4.5);
  });

  // Focus rings and field edges are non-text contrast (WCAG 1.4.11): 3:1 against what they sit on.
  const edges: Array<[string, string, string]> = [
    ['focus', 'paper', 'focus ring on light surfaces'],
    ['focus-on-dark', 'chrome', 'focus ring in the top bar'],
    ['field-border', 'paper', 'edges of text fields'],
  ];
  it.each(edges)('%s against %s (%s) is at least 3:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3);
  });

  it('outlines the share button (55 % white over the chrome) at 3:1', () => {
    expect(contrast(over(WHITE, 0.55, colour('chrome')), colour('chrome'))).toBeGreaterThanOrEqual(3);
  });
});
