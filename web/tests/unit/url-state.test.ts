import { describe, expect, it } from 'vitest';
import type { Settlement } from '../../src/api/types';
import { chooseSettlement, hashFor, settlementFromUrl } from '../../src/features/settlements/url-state';

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
