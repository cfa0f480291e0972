import { has, t } from '../i18n/i18n';
import { ApiError } from './client';

/** Names a settlement for a sentence (its name when the page knows it, else its id). */
export type SettlementNamer = (id: string) => string;

const roleLabel = (role: string): string => (has(`role.${role}`) ? t(`role.${role}`) : role);

/**
 * Which role a refusal needs: the server says it in the problem's members `settlement`,
 * `requiredRole` and `currentRole` (AccessPolicy), to be put into the reader's language; null when
 * the refusal is about something else.
 */
export function forbiddenRole(error: ApiError): { needed: string; settlement: string; yours: string | null } | null {
  const { requiredRole, settlement, currentRole } = error.problem;
  if (typeof requiredRole === 'string' && typeof settlement === 'string') {
    return { needed: requiredRole, settlement, yours: typeof currentRole === 'string' ? currentRole : null };
  }
  // servers before the members were added said it in the detail only
  const match = /needs the role ([a-z_]+) \(or higher\) in settlement '([^']*)'(?:; your role there is ([a-z_]+))?/.exec(error.detail ?? '');
  return match ? { needed: match[1]!, settlement: match[2]!, yours: match[3] ?? null } : null;
}

/**
 * One sentence, in the reader's language, for anything that went wrong talking to the server:
 * what happened and what to do. Never a stack trace or a class name; the server's own English
 * detail only for problems this app has no words for.
 */
export function explainProblem(error: unknown, settlementName: SettlementNamer = (id) => id): string {
  if (!(error instanceof ApiError)) return t('problem.unexpected');
  const detail = error.detail ?? '';
  switch (error.status) {
    case 0:
      return t('problem.offline');
    case 401:
      if (error.is('invalid-credentials')) return t('auth.error.invalidCredentials');
      if (detail.includes('share link is unknown or has been revoked')) return t('problem.shareLinkRevoked');
      if (detail.includes('session has ended')) return t('problem.sessionEnded');
      return t('problem.signInNeeded');
    case 403: {
      if (error.is('csrf-token-invalid')) return t('problem.csrf');
      const role = forbiddenRole(error);
      if (role) {
        const params = { role: roleLabel(role.needed), settlement: settlementName(role.settlement) };
        return role.yours
          ? t('problem.forbiddenRoleYours', { ...params, yours: roleLabel(role.yours) })
          : t('problem.forbiddenRoleNotMember', params);
      }
      if (detail.includes('only server admins')) return t('problem.forbiddenAdmin');
      if (detail.includes('may only read')) return t('problem.forbiddenReadOnly');
      return t('problem.forbidden');
    }
    case 404:
      return t('problem.notFound');
    case 429:
      return t('auth.error.tooManyAttempts', { seconds: error.retryAfterSeconds ?? 60 });
    default:
      if (error.status >= 500) return t('problem.server');
      return detail ? t('problem.refused', { detail }) : t('problem.unexpected');
  }
}
