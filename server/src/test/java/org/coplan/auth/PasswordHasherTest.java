package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  static final PasswordHasher.Params WEAK = new PasswordHasher.Params(256, 1, 1);
  static final PasswordHasher.Params STRONGER = new PasswordHasher.Params(512, 2, 1);

  @Test
  void aHashCarriesItsParametersAndVerifiesOnlyItsPassword() {
    PasswordHasher hasher = new PasswordHasher(WEAK);
    String hash = hasher.hash("correct horse battery staple");
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
    // a fresh salt each time
    assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
  }

  @Test
  void verifiesTheReferenceImplementationsTestVector() {
    // phc-winner-argon2 src/test.c: Argon2id v=0x13, t=2, m=2^16, p=1, "password", "somesalt"
    String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    PasswordHasher hasher = new PasswordHasher(WEAK);
    assertThat(hasher.verify("password", reference)).isTrue();
    assertThat(hasher.verify("Password", reference)).isFalse();
    assertThat(PasswordHasher.paramsOf(reference)).contains(new PasswordHasher.Params(65536, 2, 1));
  }

  @Test
  void raisedParametersVerifyOldHashesAndAskForARehash() {
    String old = new PasswordHasher(WEAK).hash("correct horse battery staple");
    PasswordHasher raised = new PasswordHasher(STRONGER);
    assertThat(raised.verify("correct horse battery staple", old)).isTrue();
    assertThat(raised.needsRehash(old)).isTrue();
    String upgraded = raised.hash("correct horse battery staple");
    assertThat(PasswordHasher.paramsOf(upgraded)).contains(STRONGER);
    assertThat(raised.needsRehash(upgraded)).isFalse();
    assertThat(raised.verify("correct horse battery staple", upgraded)).isTrue();
  }

  @Test
  void composedAndDecomposedAccentsAreTheSamePassword() {
    PasswordHasher hasher = new PasswordHasher(WEAK);
    String composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
    String decomposed = "cafe\u0301 au lait, s'il vous pla\u0131\u0302t".replace("\u0131", "i");
    assertThat(hasher.verify(decomposed, hasher.hash(composed))).isTrue();
  }

  @Test
  void anythingElseNeverVerifiesAndAlwaysNeedsARehash() {
    PasswordHasher hasher = new PasswordHasher(WEAK);
    for (String stored : new String[] {null, "", "plain text", "$2a$10$abcdefghijklmnopqrstuv", "$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaA"}) {
      assertThat(hasher.verify("plain text", stored)).isFalse();
      assertThat(hasher.needsRehash(stored)).isTrue();
    }
  }

  @Test
  void theDefaultsAreOwaspsMinimumForArgon2id() {
    assertThat(PasswordHasher.Params.DEFAULT).isEqualTo(new PasswordHasher.Params(19 * 1024, 2, 1));
  }
}
