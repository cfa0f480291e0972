import { describe, expect, it } from 'vitest';
import { shareFromUrl } from '../../src/features/share/share-url';

describe('shareFromUrl', () => {
  it('reads a share link as the server makes it', () => {
    expect(shareFromUrl('?share=cps_abc&settlement=tandale&plan=baseline')).toEqual({
      link: { token: 'cps_abc', settlementId: 'tandale', planId: 'baseline' },
    });
    expect(shareFromUrl('?settlement=kigogo%20east&plan=wider%2Fpaths&share=cps_x')).toEqual({
      link: { token: 'cps_x', settlementId: 'kigogo east', planId: 'wider/paths' },
    });
  });

  it('tells a link cut off when copied from no link at all', () => {
    expect(shareFromUrl('?share=cps_abc')).toEqual({ incomplete: true });
    expect(shareFromUrl('?share=cps_abc&settlement=tandale')).toEqual({ incomplete: true });
    expect(shareFromUrl('?settlement=tandale')).toBeNull();
    expect(shareFromUrl('?share=')).toBeNull();
    expect(shareFromUrl('')).toBeNull();
  });
});
