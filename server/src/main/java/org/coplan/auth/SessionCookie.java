package org.coplan.auth;

/**
 * The session cookie: {@code HttpOnly} so scripts (and injected scripts) cannot read it, {@code
 * SameSite=Lax} so other sites' pages cannot send it with their forms and fetches, {@code Secure}
 * whenever the request came over HTTPS (directly or through a proxy that says so in {@code
 * X-Forwarded-Proto}), and no {@code Max-Age}: it ends with the browser, while the server ends it
 * after the idle and maximum times whatever the browser keeps.
 */
final class SessionCookie {
  static final String NAME = "coplan_session";

  private SessionCookie() {}

  static String set(String sessionId, boolean secure) {
    return NAME + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
  }

  /** Tells the browser to forget the cookie. */
  static String clear(boolean secure) {
    return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
  }
}
