import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveLegend } from '../../src/features/legend/derive';
import { LOCALES, MESSAGES, formatDate, formatDateTime, formatNumber, setLocale, t, tn } from '../../src/i18n/i18n';
import { LANGUAGE_STORAGE_KEY, initialLocale, rememberLocale } from '../../src/i18n/preference';

const WEB = fileURLToPath(new URL('../../', import.meta.url));
const STYLE = JSON.parse(readFileSync(path.join(WEB, '../server/src/main/resources/style/coplan-style.json'), 'utf8')) as StyleSpecification;

afterEach(() => setLocale('en'));

const placeholders = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : /\.(ts|html)$/.test(name) ? [file] : [];
  });
}

describe('message files', () => {
  const english = MESSAGES.en;

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English key, no other key, and nothing left empty', (locale) => {
    const messages = MESSAGES[locale];
    const missing = Object.keys(english).filter((k) => !Object.hasOwn(messages, k));
    const extra = Object.keys(messages).filter((k) => !Object.hasOwn(english, k));
    expect(missing, `keys missing in ${locale}.json`).toEqual([]);
    expect(extra, `keys in ${locale}.json that English does not have`).toEqual([]);
    expect(Object.entries(messages).filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s keeps every placeholder of the English message', (locale) => {
    for (const [key, message] of Object.entries(english)) {
      expect(placeholders(MESSAGES[locale][key] ?? ''), `${locale}: ${key}`).toEqual(placeholders(message));
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s is translated, not copied from English', (locale) => {
    const copied = Object.keys(english).filter((k) => MESSAGES[locale][k] === english[k]);
    expect(copied).toEqual([]);
  });

  it('has every key the code and the page ask for', () => {
    const asked = new Set<string>();
    for (const file of [...sources(path.join(WEB, 'src')), ...['index.html', 'present.html', 'import.html'].map((page) => path.join(WEB, page))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) asked.add(m[1]!);
      for (const m of text.matchAll(/\btn\('([a-zA-Z0-9_.]+)'/g)) ['one', 'other'].forEach((form) => asked.add(`${m[1]}.${form}`));
      for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) asked.add(m[1]!);
      for (const m of text.matchAll(/'((?:value|role|attr|layer)\.[a-zA-Z0-9_.]+)'/g)) asked.add(m[1]!);
      // counted messages are named by their base key: `counts: 'count.households'`
      for (const m of text.matchAll(/'(count\.[a-zA-Z0-9_]+)'/g)) ['one', 'other'].forEach((form) => asked.add(`${m[1]}.${form}`));
    }
    expect(asked.size).toBeGreaterThan(80);
    expect([...asked].filter((k) => !Object.hasOwn(english, k))).toEqual([]);
  });

  it('names every role the server has, and every coded value of the style', () => {
    for (const role of ['viewer', 'community_reviewer', 'engineer', 'planner', 'admin']) expect(english).toHaveProperty([`role.${role}`]);
    for (const group of deriveLegend(STYLE)) {
      for (const item of group.items) {
        for (const value of item.values) expect(Object.keys(english).some((k) => k.startsWith('value.') && k.endsWith(`.${value}`)), value).toBe(true);
      }
    }
  });
});

describe('the style speaks every language of the app', () => {
  const legendLayers = STYLE.layers.filter((l) => typeof (l.metadata as Record<string, unknown> | undefined)?.['coplan:legend'] === 'string');

  it.each(LOCALES.filter((l) => l !== 'en'))('coplan:legend-%s beside every coplan:legend, and the same swatch labels', (locale) => {
    expect(legendLayers.length).toBeGreaterThan(5);
    for (const layer of legendLayers) {
      const metadata = layer.metadata as Record<string, unknown>;
      expect(typeof metadata[`coplan:legend-${locale}`], layer.id).toBe('string');
      const labels = metadata['coplan:legend-labels'] as Record<string, string> | undefined;
      if (labels) expect(Object.keys(metadata[`coplan:legend-labels-${locale}`] as object).sort(), layer.id).toEqual(Object.keys(labels).sort());
    }
  });

  it('derives a Swahili legend with no English left in it', () => {
    const english = deriveLegend(STYLE, 'en');
    const swahili = deriveLegend(STYLE, 'sw');
    setLocale('sw');
    const swahiliNow = deriveLegend(STYLE);
    expect(swahiliNow.map((g) => g.label)).toEqual(swahili.map((g) => g.label));
    expect(swahili.find((g) => g.layerId === 'structures-fill')!.label).toBe('Majengo kwa matumizi');
    expect(swahiliNow.find((g) => g.layerId === 'services-point')!.items.map((i) => i.label)).toContain('Vyoo');
    const englishWords = new Set(english.flatMap((g) => [g.label, ...g.items.map((i) => i.label)]));
    const left = swahiliNow.flatMap((g) => [g.label, ...g.items.map((i) => i.label)]).filter((label) => englishWords.has(label));
    expect(left).toEqual([]);
  });
});

describe('t and tn', () => {
  it('fills placeholders, formats numbers per language, and leaves unknown placeholders visible', () => {
    expect(t('status.loadingSettlement', { name: 'Tandale' })).toBe('Loading Tandale…');
    expect(t('auth.error.tooManyAttempts', { seconds: 1200 })).toBe('Too many failed attempts. Try again in 1,200 s.');
    expect(t('status.loadingSettlement')).toBe('Loading {name}…');
    setLocale('sw');
    expect(t('auth.error.tooManyAttempts', { seconds: 4 })).toBe('Majaribio mengi mno yameshindwa. Jaribu tena baada ya sekunde 4.');
  });

  it('picks plural forms by the language rules', () => {
    expect(tn('count.households', 1)).toBe('1 household');
    expect(tn('count.households', 25)).toBe('25 households');
    setLocale('sw');
    expect(tn('count.households', 1)).toBe('kaya 1');
    expect(tn('count.households', 25)).toBe('kaya 25');
  });

  it('answers the key itself for a message nobody wrote, and never finds Object.prototype', () => {
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t('constructor')).toBe('constructor');
    expect(t('__proto__')).toBe('__proto__');
  });
});

describe('locale formatting', () => {
  const moment = new Date('2026-03-05T14:07:00Z');

  it('writes dates as each language does', () => {
    expect(formatDateTime(moment, 'UTC')).toBe('5 Mar 2026, 14:07');
    expect(formatDate(moment, 'UTC')).toBe('5 March 2026');
    setLocale('sw');
    expect(formatDateTime(moment, 'UTC')).toBe('5 Mac 2026, 14:07');
    expect(formatDate(moment, 'UTC')).toBe('5 Machi 2026');
  });

  it('groups thousands and rounds decimals', () => {
    expect(formatNumber(12345.67)).toBe('12,345.7');
    expect(formatNumber(12345.67, 0)).toBe('12,346');
    setLocale('sw');
    expect(formatNumber(12345.67)).toBe('12,345.7');
  });
});

describe('the language to start in', () => {
  const store = (saved: string | null) => {
    const items = new Map<string, string>(saved === null ? [] : [[LANGUAGE_STORAGE_KEY, saved]]);
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
  };

  it('is the one chosen before, else the browser language, else English', () => {
    expect(initialLocale(store('sw'), ['en-GB'])).toBe('sw');
    expect(initialLocale(store(null), ['fr-FR', 'sw-TZ', 'en'])).toBe('sw');
    expect(initialLocale(store('klingon'), ['de'])).toBe('en');
    expect(initialLocale(null, [])).toBe('en');
  });

  it('survives storage that refuses access, and remembers a choice', () => {
    const refusing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } };
    expect(initialLocale(refusing, ['sw'])).toBe('sw');
    expect(() => rememberLocale(refusing, 'sw')).not.toThrow();
    const s = store(null);
    rememberLocale(s, 'sw');
    expect(s.items.get(LANGUAGE_STORAGE_KEY)).toBe('sw');
  });
});
