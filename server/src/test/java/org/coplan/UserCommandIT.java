package org.coplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.coplan.auth.PasswordHasher;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code coplan user ...} against a real database, as an operator would run it. */
class UserCommandIT {
  static final TestDatabase.Fresh db = TestDatabase.get().newDatabase();
  static final String URL = TestDatabase.get().jdbcUrl(db.name());

  @AfterAll
  static void stop() {
    db.close();
  }

  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... words) {
    List<String> argv = new ArrayList<>(Arrays.asList(words));
    argv.addAll(List.of("--db-url", URL));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        UserCommand.run(
            argv.toArray(String[]::new),
            Map.of(),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static UserAdmin users() {
    return UserAdmin.open(new Jdbc(db.dataSource()), "test");
  }

  @Test
  void addsAnAdminWithAPasswordFromStandardInputWhereverTheSwitchStands() {
    Run r = run("a passphrase from a pipe\n", "user", "add", "--admin", "wanjiru", "--password-stdin");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("created admin wanjiru\n");
    assertThat(users().find("wanjiru").orElseThrow().admin()).isTrue();
  }

  @Test
  void addWithoutAPasswordPrintsTheChosenOneOnce() {
    Run r = run("", "user", "add", "otieno", "--display-name", "Otieno O.");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).matches("created user otieno\npassword \\(shown only now\\): [A-Za-z0-9]{20}\n");
    assertThat(users().find("otieno").orElseThrow().displayName()).isEqualTo("Otieno O.");
  }

  @Test
  void givesRolesAndTakesThemAway() {
    run("", "user", "add", "mwajuma");
    Run r = run("", "user", "role", "mwajuma", "tandale", "engineer");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("mwajuma is now engineer in tandale\n");
    assertThat(run("", "user", "role", "mwajuma", "tandale", "none").out()).isEqualTo("mwajuma is no longer a member of tandale\n");
    Run unknown = run("", "user", "role", "mwajuma", "tandale", "mayor");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown role 'mayor'");
  }

  @Test
  void makesATokenThatIsStoredOnlyAsItsHash() throws Exception {
    run("", "user", "add", "surveyor");
    run("", "user", "role", "surveyor", "tandale", "engineer");
    Run r = run("", "user", "token", "surveyor", "--scope", "read_write", "--settlement", "tandale", "--name", "total station");
    assertThat(r.exit()).as(r.err()).isZero();
    String token = r.out().strip();
    assertThat(token).matches("cpl_[A-Za-z0-9_-]{43}");
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    try (var c = db.dataSource().getConnection();
        var ps = c.prepareStatement("SELECT name, scope, settlement_id FROM api_token WHERE token_hash = ?")) {
      ps.setBytes(1, hash);
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("total station");
        assertThat(rs.getString(2)).isEqualTo("read_write");
        assertThat(rs.getString(3)).isEqualTo("tandale");
      }
    }
  }

  @Test
  void passwdChangesThePasswordFromStandardInput() {
    run("first passphrase here\n", "user", "add", "rehema", "--password-stdin");
    Run r = run("second passphrase here\n", "user", "passwd", "rehema", "--password-stdin");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("password of rehema changed");
    String hash = db.scalar("SELECT password_hash FROM account WHERE username = ?", "rehema");
    PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.DEFAULT);
    assertThat(hasher.verify("second passphrase here", hash)).isTrue();
    assertThat(hasher.verify("first passphrase here", hash)).isFalse();
  }

  @Test
  void mistakesAreOneLineAndANonZeroExit() {
    Run missing = run("", "user", "role", "nobody", "tandale", "viewer");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("coplan: no user 'nobody'\n");
    Run tooShort = run("short\n", "user", "add", "brief", "--password-stdin");
    assertThat(tooShort.exit()).isEqualTo(1);
    assertThat(tooShort.err()).isEqualTo("coplan: password must be 12 to 1024 characters\n");
    assertThat(run("", "user").exit()).isEqualTo(2);
    assertThat(run("", "user", "frobnicate").err()).contains("unknown user command 'frobnicate'");
  }
}
