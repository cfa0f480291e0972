package org.coplan.auth;

import java.util.List;
import org.coplan.http.ApiProblem;
import org.coplan.settlements.SettlementService;

/**
 * API tokens: created by their owner (or by an admin for anyone), shown once, kept as a hash,
 * revoked by their owner or an admin. A revoked token fails on its next request: nothing caches it.
 */
final class TokenService {
  /** A new token and its text, which exists only in this answer. */
  record Created(TokenRepository.Listed token, String secret) {}

  private final TokenRepository tokens;
  private final AccountService accounts;
  private final SettlementService settlements;

  TokenService(TokenRepository tokens, AccountService accounts, SettlementService settlements) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.settlements = settlements;
  }

  Created create(Caller caller, String forUsername, String name, TokenScope scope, String settlementId) {
    Account owner = owner(caller, forUsername);
    if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > 200) {
      throw AccountService.invalid("/name", "a token needs a name of 1 to 200 characters (what it is for)");
    }
    if (settlementId != null) {
      requireVisibleTo(owner, settlementId);
    }
    String secret = Secrets.API_TOKEN_PREFIX + Secrets.randomToken();
    TokenRepository.Listed listed =
        tokens.insert(owner.id(), name.strip(), Secrets.sha256(secret), Secrets.shown(secret), scope, settlementId, caller.actor());
    return new Created(listed, secret);
  }

  List<TokenRepository.Listed> list(Caller caller, String forUsername) {
    return tokens.list(owner(caller, forUsername).id());
  }

  /** Revokes a token of the caller's (any token, for an admin); others' tokens are "not found". */
  void revoke(Caller caller, long id) {
    TokenRepository.Listed token =
        tokens
            .find(id)
            .filter(t -> caller.admin() || t.owner().equalsIgnoreCase(caller.account().username()))
            .orElseThrow(() -> ApiProblem.notFound("you have no token " + id));
    tokens.revoke(token.id(), caller.actor());
  }

  private Account owner(Caller caller, String forUsername) {
    if (forUsername == null || forUsername.equalsIgnoreCase(caller.account().username())) {
      return caller.account();
    }
    if (!caller.admin()) {
      throw AuthProblems.forbidden("only admins may manage other users' tokens");
    }
    return accounts.require(forUsername);
  }

  /**
   * A token may be limited to a settlement its owner can see; any other id gets the answer a
   * missing settlement gets, so that token creation reveals no hidden settlement.
   */
  private void requireVisibleTo(Account owner, String settlementId) {
    boolean visible =
        settlements
            .isPublic(settlementId)
            .map(isPublic -> isPublic || owner.admin() || accounts.memberships(owner.id()).containsKey(settlementId))
            .orElse(false);
    if (!visible) {
      throw AccountService.invalid("/settlement", "no settlement '" + settlementId + "'");
    }
  }
}
