import { describe, expect, it } from 'vitest';
import type { Settlement } from '../../src/api/types';
import { chooseSettlement, hashFor, planStateFromHash, settlementFromUrl } from '../../src/features/settlements/url-state';

const settlement = (id: string): Settlement => ({ id, name: id, category: 'unassessed', bbox: [0, 0, 1, 1] });
const all = [settlement('tandale'), settlement('mtoni kijichi'), settlement('a/b#c?d')];

describe('settlementFromUrl', () => {
  it('reads the hash, else the settlement query parameter, else nothing', () => {
    expect(settlementFromUrl('#tandale', '')).toBe('tandale');
    expect(settlementFromUrl('', '?settlement=tandale')).toBe('tandale');
    expect(settlementFromUrl('#mtoni', '?settlement=tandale')).toBe('mtoni');
    expect(settlementFromUrl('', '')).toBeNull();
    expect(settlementFromUrl('#', '?other=1')).toBeNull();
  });

  it('tolerates a malformed escape in a hand-typed hash', () => {
    expect(settlementFromUrl('#100%', '')).toBe('100%');
  });

  it('round-trips ids with spaces and URL syntax through the hash', () => {
    for (const { id } of all) expect(settlementFromUrl(hashFor(id), '')).toBe(id);
    expect(hashFor('a/b#c?d')).toBe('#a%2Fb%23c%3Fd');
  });
});

describe('chooseSettlement', () => {
  it('takes the requested settlement when it exists', () => {
    expect(chooseSettlement('mtoni kijichi', all)).toEqual({ settlement: all[1], fellBack: false });
  });

  it('defaults to the first, and says so when the request was unknown', () => {
    expect(chooseSettlement(null, all)).toEqual({ settlement: all[0], fellBack: false });
    expect(chooseSettlement('nowhere', all)).toEqual({ settlement: all[0], fellBack: true });
  });

  it('has nothing to choose without settlements', () => {
    expect(chooseSettlement('tandale', [])).toBeNull();
  });
});

describe('planStateFromHash and hashFor', () => {
  it('shows the baseline unless the hash names a plan', () => {
    expect(planStateFromHash('#tandale')).toEqual({ plan: 'baseline', compare: null });
    expect(planStateFromHash('')).toEqual({ plan: 'baseline', compare: null });
    expect(planStateFromHash('#tandale/widen-lanes')).toEqual({ plan: 'widen-lanes', compare: null });
    expect(settlementFromUrl('#tandale/widen-lanes', '')).toBe('tandale');
  });

  it('reads a comparison of two plans, and a plan that happens to be called compare', () => {
    expect(planStateFromHash('#tandale/compare/baseline/widen')).toEqual({ plan: 'baseline', compare: ['baseline', 'widen'] });
    expect(planStateFromHash('#tandale/compare')).toEqual({ plan: 'compare', compare: null });
  });

  it('writes the baseline as the settlement alone, and round-trips odd ids', () => {
    expect(hashFor('tandale', { plan: 'baseline', compare: null })).toBe('#tandale');
    expect(hashFor('tandale', { plan: 'w', compare: null })).toBe('#tandale/w');
    expect(hashFor('tandale', { plan: 'a', compare: ['a', 'b'] })).toBe('#tandale/compare/a/b');
    const odd = hashFor('a/b#c?d', { plan: 'x/y z', compare: null });
    expect(settlementFromUrl(odd, '')).toBe('a/b#c?d');
    expect(planStateFromHash(odd)).toEqual({ plan: 'x/y z', compare: null });
  });
});
