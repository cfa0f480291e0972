/** A share link as it arrives in the page's address: `/?share=TOKEN&settlement=SID&plan=PID`. */
export interface SharedPlanLink {
  token: string;
  settlementId: string;
  planId: string;
}

/**
 * The share link in the address, if any: `link` when it is complete, `incomplete` when a token
 * came without its settlement and plan (cut off when copied), null when there is none.
 */
export function shareFromUrl(search: string): { link: SharedPlanLink } | { incomplete: true } | null {
  const query = new URLSearchParams(search);
  const token = query.get('share')?.trim();
  if (!token) return null;
  const settlementId = query.get('settlement')?.trim();
  const planId = query.get('plan')?.trim();
  return settlementId && planId ? { link: { token, settlementId, planId } } : { incomplete: true };
}
