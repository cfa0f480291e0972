/**
 * The few line icons the chrome uses (24 × 24, stroked in the text colour), built as SVG
 * elements: no icon font, no sprite, nothing from the internet, nothing parsed from strings.
 */
const PATHS = {
  globe: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M3 12h18', 'M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9s1.3-6.4 3.8-9'],
  person: ['M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8', 'M4 21c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5'],
  share: ['M18 8a3 3 0 1 0 0-6a3 3 0 1 0 0 6', 'M6 15a3 3 0 1 0 0-6a3 3 0 1 0 0 6', 'M18 22a3 3 0 1 0 0-6a3 3 0 1 0 0 6', 'M8.6 13.5l6.8 4', 'M15.4 6.5l-6.8 4'],
  link: ['M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1', 'M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1'],
  lock: ['M6 11h12v10H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  eye: ['M2 12s3.6-7 10-7s10 7 10 7s-3.6 7-10 7S2 12 2 12', 'M12 15a3 3 0 1 0 0-6a3 3 0 1 0 0 6'],
  warning: ['M12 3l10 18H2z', 'M12 10v5', 'M12 17.5v.5'],
  signOut: ['M15 4h4v16h-4', 'M10 8l-4 4l4 4', 'M6 12h10'],
} as const;

export type IconName = keyof typeof PATHS;

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative icon: hidden from screen readers, which read the control's own label. */
export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of PATHS[name]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
