import { api, planPath } from '../../api/client';
import type { ShareLink } from '../../api/types';

const linksOf = (settlementId: string, planId: string): string => `${planPath(settlementId, planId)}/share-links`;

export async function listShareLinks(settlementId: string, planId: string): Promise<ShareLink[]> {
  return (await api.request<{ shareLinks: ShareLink[] }>('GET', linksOf(settlementId, planId), { quiet: true })).shareLinks;
}

/** Answers the link with its token and app URL, which the server shows this once only. */
export function createShareLink(settlementId: string, planId: string, label: string): Promise<ShareLink> {
  return api.request<ShareLink>('POST', linksOf(settlementId, planId), { body: { label }, quiet: true });
}

export function revokeShareLink(settlementId: string, planId: string, id: number): Promise<void> {
  return api.request<void>('DELETE', `${linksOf(settlementId, planId)}/${id}`, { quiet: true });
}
