import { afterEach, describe, expect, it } from 'vitest';
import { describeFeature, impactLine, proposalTitle } from '../../src/features/review/describe';
import type { Proposal, ProposalFeature } from '../../src/features/review/review-api';
import { setLocale } from '../../src/i18n/i18n';

const lane: ProposalFeature = {
  layer: 'footpaths',
  id: '1',
  action: 'added',
  properties: { class: 'lane', width_m: 3 },
  geometry: { type: 'LineString', coordinates: [[39.24, -6.8], [39.241, -6.8]] },
};

const proposal = (over: Partial<Proposal>): Proposal => ({
  id: '1', kind: 'feature', name: null, description: null, features: [lane], structures: [], households: 0, people: 0, cells: [], clusters: [], ...over,
});

describe('what a proposal does, in words', () => {
  afterEach(() => setLocale('en'));

  it('names the feature, the action and a path width', () => {
    expect(describeFeature(lane)).toBe('New Lane, 3 m wide');
    expect(describeFeature({ ...lane, layer: 'services', action: 'removed', properties: { type: 'water_point' } })).toBe('Water point removed');
    setLocale('sw');
    expect(describeFeature(lane)).toMatch(/^\S.* mpya, upana wa mita 3$/);
    expect(describeFeature(lane)).not.toContain('New');
  });

  it('prefers the planner’s name for a group, shown as typed', () => {
    expect(proposalTitle(proposal({ kind: 'group', name: '<b>Lane</b> to the tap' }))).toBe('<b>Lane</b> to the tap');
    expect(proposalTitle(proposal({}))).toBe('New Lane, 3 m wide');
  });

  it('counts households and structures, or says nothing is touched', () => {
    expect(impactLine(proposal({}))).toBe('No existing structure is touched');
    const touched = { id: 's', households: 2, people: 8, cell: 'C1', cluster: 'K1', overlapM2: 3, share: 0.1, how: 'overlapped' as const, geometry: lane.geometry };
    expect(impactLine(proposal({ structures: [touched, { ...touched, id: 't' }], households: 5 }))).toBe('5 households affected, in 2 structures');
    expect(impactLine(proposal({ structures: [touched], households: 1 }))).toBe('1 household affected, in 1 structure');
  });
});
