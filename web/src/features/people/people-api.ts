import { api } from '../../api/client';
import type { Role } from '../../api/types';

const seg = encodeURIComponent;

/** A settlement member: `GET /api/settlements/{sid}/members`. */
export interface Member {
  username: string;
  displayName: string;
  role: Role;
  since: string;
  addedBy: string | null;
}

/** An API token as listed; `token` only in the answer that made it. */
export interface ApiToken {
  id: number;
  owner: string;
  name: string;
  shown: string;
  scope: 'read' | 'read_write';
  settlement: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

/** An account: `GET /api/users`. */
export interface Account {
  username: string;
  displayName: string;
  admin: boolean;
  disabled: boolean;
  createdAt: string;
}

/** `POST /api/users`: the account, and the password when the server chose it (shown once). */
export interface CreatedAccount {
  user: Account;
  password: string | null;
}

const members = (sid: string): string => `/api/settlements/${seg(sid)}/members`;

export async function listMembers(sid: string): Promise<Member[]> {
  return (await api.request<{ members: Member[] }>('GET', members(sid), { quiet: true })).members;
}

export function setMemberRole(sid: string, username: string, role: Role): Promise<Member> {
  return api.request<Member>('PUT', `${members(sid)}/${seg(username)}`, { body: { role }, quiet: true });
}

export function removeMember(sid: string, username: string): Promise<void> {
  return api.request<void>('DELETE', `${members(sid)}/${seg(username)}`, { quiet: true });
}

export async function listTokens(): Promise<ApiToken[]> {
  return (await api.request<{ tokens: ApiToken[] }>('GET', '/api/auth/tokens', { quiet: true })).tokens;
}

export function createToken(name: string, scope: ApiToken['scope'], settlement: string | null): Promise<ApiToken> {
  const body: Record<string, string> = { name, scope };
  if (settlement) body.settlement = settlement;
  return api.request<ApiToken>('POST', '/api/auth/tokens', { body, quiet: true });
}

export function revokeToken(id: number): Promise<void> {
  return api.request<void>('DELETE', `/api/auth/tokens/${id}`, { quiet: true });
}

export async function listAccounts(): Promise<Account[]> {
  return (await api.request<{ users: Account[] }>('GET', '/api/users', { quiet: true })).users;
}

export function createAccount(account: { username: string; displayName: string; password: string; admin: boolean }): Promise<CreatedAccount> {
  const body: Record<string, string | boolean> = { username: account.username, admin: account.admin };
  if (account.displayName) body.displayName = account.displayName;
  // without a password the server chooses one and answers it once
  if (account.password) body.password = account.password;
  return api.request<CreatedAccount>('POST', '/api/users', { body, quiet: true });
}

export function setAccountDisabled(username: string, disabled: boolean): Promise<Account> {
  return api.request<Account>('PATCH', `/api/users/${seg(username)}`, { body: { disabled }, quiet: true });
}
