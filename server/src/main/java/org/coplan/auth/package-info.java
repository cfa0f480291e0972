/**
 * Who may see and change what: accounts, settlement memberships and roles, browser sessions, API
 * tokens, share links, login throttling, and the request filters that enforce every rule on every
 * endpoint.
 *
 * <p>Enforcement is generic: {@link org.coplan.auth.Authenticator} turns the request's credentials
 * into a {@link org.coplan.auth.Caller}; {@link org.coplan.auth.AccessFilter} reads the matched
 * resource method's rule ({@link org.coplan.auth.PublicEndpoint}, {@link org.coplan.auth.SignedIn},
 * {@link org.coplan.auth.AdminOnly}, {@link org.coplan.auth.Requires}) and the matched {@code sid}
 * and {@code pid} path parameters, and lets {@link org.coplan.auth.AccessPolicy} decide. An
 * endpoint under {@code /api/settlements/{sid}} needs no annotation to be protected: reads need
 * read access to the settlement (and plan), changes need a planner. Any other endpoint without a
 * rule is refused. docs/security.md explains the rules.
 */
package org.coplan.auth;
