import { ApiError, type ApiClient } from '../../api/client';
import type { Me } from '../../api/types';

/**
 * Who is signed in, for the whole page: loaded from `GET /api/auth/me`, replaced by sign-in,
 * cleared by sign-out or by a 401 that says the session ended. Keeps the client's CSRF token in
 * step, in memory only: never in localStorage, which outlives the session and any script can read.
 */
export class Session {
  private me: Me | null = null;
  private readonly listeners = new Set<(me: Me | null) => void>();

  constructor(private readonly client: ApiClient) {
    client.onCsrfRejected(async () => (await this.load())?.csrfToken ?? null);
  }

  get current(): Me | null {
    return this.me;
  }

  onChange(listener: (me: Me | null) => void): void {
    this.listeners.add(listener);
  }

  /** Asks the server who we are; signed out (null) on 401 or when the server cannot say. */
  async load(): Promise<Me | null> {
    try {
      this.set(await this.client.request<Me>('GET', '/api/auth/me', { quiet: true }));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) console.warn('could not ask who is signed in', e);
      this.set(null);
    }
    return this.me;
  }

  /** Throws the server's ApiError (401 wrong credentials, 429 wait) for the form to explain. */
  async signIn(username: string, password: string): Promise<Me> {
    const me = await this.client.request<Me>('POST', '/api/auth/login', { body: { username, password }, quiet: true });
    this.set(me);
    return me;
  }

  async signOut(): Promise<void> {
    try {
      await this.client.request<void>('POST', '/api/auth/logout', { quiet: true });
    } finally {
      this.set(null);
    }
  }

  /** The server no longer knows this session (it ended, or was signed out elsewhere). */
  ended(): void {
    if (this.me) this.set(null);
  }

  private set(me: Me | null): void {
    this.me = me;
    this.client.setCsrfToken(me?.csrfToken ?? null);
    this.listeners.forEach((listener) => listener(me));
  }
}
