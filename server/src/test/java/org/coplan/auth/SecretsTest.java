package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.coplan.http.ApiProblem;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void tokensAre256RandomBitsInBase64url() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String t = Secrets.randomToken();
      assertThat(t).matches("[A-Za-z0-9_-]{43}");
      assertThat(seen.add(t)).isTrue();
    }
  }

  @Test
  void randomPasswordsAvoidLookAlikes() {
    assertThat(Secrets.randomPassword(200)).hasSize(200).doesNotContain("0", "O", "1", "l", "I");
  }

  @Test
  void csrfComparisonMatchesOnlyTheExactToken() {
    String token = Secrets.randomToken();
    assertThat(Secrets.sameSecret(token, token)).isTrue();
    assertThat(Secrets.sameSecret(token, new String(token.toCharArray()))).isTrue();
    assertThat(Secrets.sameSecret(token, token.substring(1))).isFalse();
    assertThat(Secrets.sameSecret(token, token + "x")).isFalse();
    assertThat(Secrets.sameSecret(token, token.toUpperCase())).isFalse();
    assertThat(Secrets.sameSecret(token, "")).isFalse();
    assertThat(Secrets.sameSecret(token, null)).isFalse();
    // a session without a token (there is none) never matches, not even null with null
    assertThat(Secrets.sameSecret(null, null)).isFalse();
  }

  @Test
  void theCsrfCheckSaysWhetherTheHeaderIsMissingOrWrong() {
    Caller session = new Caller(Caller.Credential.SESSION, null, java.util.Map.of(), null, null, "abc", Caller.Ignored.NOTHING);
    AccessFilter.checkCsrf(session, "abc");
    assertThatThrownBy(() -> AccessFilter.checkCsrf(session, null))
        .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403))
        .hasMessageContaining("need the header X-CSRF-Token");
    assertThatThrownBy(() -> AccessFilter.checkCsrf(session, "abd")).hasMessageContaining("does not match");
  }

  @Test
  void onlyTheHashIsStoredAndTheShownPartIsAPrefix() {
    assertThat(Secrets.sha256("cpl_x")).hasSize(32);
    assertThat(Secrets.sha256("cpl_x")).isEqualTo(Secrets.sha256("cpl_x"));
    assertThat(Secrets.shown("cpl_abcdefghijk")).isEqualTo("cpl_abcd…");
  }
}
