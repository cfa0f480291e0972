package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Jdbc;
import org.coplan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** First run: the admin account and the demo accounts, their passwords printed once and never logged. */
class AccountBootstrapIT {
  static CoplanConfig.Security security(String adminPassword, String demoPassword) {
    return new CoplanConfig.Security(adminPassword, demoPassword, 12, 7, "'self'", List.of(), List.of());
  }

  @Test
  void aFreshDatabaseGetsAnAdminAndOneDemoAccountPerRolePrintedOnceInABox() {
    try (TestDatabase.Fresh db = TestDatabase.get().newDatabase()) {
      Jdbc jdbc = new Jdbc(db.dataSource());
      ListAppender<ILoggingEvent> log = new ListAppender<>();
      log.start();
      Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.addAppender(log);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        new AccountBootstrap(jdbc, security(null, null), new PrintStream(out, true, StandardCharsets.UTF_8)).run("tandale");
      } finally {
        root.detachAppender(log);
      }
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("+----", "| coplan created the administrator account", "| username: admin");
      Matcher admin = Pattern.compile("password: ([A-Za-z0-9]{20})").matcher(printed);
      assertThat(admin.find()).isTrue();
      String adminPassword = admin.group(1);

      PasswordHasher hasher = new PasswordHasher(Fixture.CHEAP);
      assertThat(hasher.verify(adminPassword, hash(db, "admin"))).isTrue();
      UserAdmin users = UserAdmin.open(jdbc, "test", Fixture.CHEAP);
      assertThat(users.find("admin").orElseThrow().admin()).isTrue();

      for (AccountBootstrap.DemoAccount demo : AccountBootstrap.DEMO_ACCOUNTS) {
        Matcher line = Pattern.compile("\\| " + demo.username() + " +" + demo.role().id() + " +([A-Za-z0-9]{20}) +\\|").matcher(printed);
        assertThat(line.find()).as(demo.username()).isTrue();
        assertThat(hasher.verify(line.group(1), hash(db, demo.username()))).isTrue();
        assertThat(role(db, demo.username())).isEqualTo(demo.role().id());
      }
      // nothing secret went to the log
      assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(adminPassword));

      // a second start prints nothing and creates nothing
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      new AccountBootstrap(jdbc, security(null, null), new PrintStream(again, true, StandardCharsets.UTF_8)).run(null);
      assertThat(again.size()).isZero();
      assertThat(users.list()).hasSize(5);
    }
  }

  @Test
  void givenPasswordsAreUsedAndNotPrinted() {
    try (TestDatabase.Fresh db = TestDatabase.get().newDatabase()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new AccountBootstrap(
              new Jdbc(db.dataSource()), security("the admin's own passphrase", "demo passphrase 2026"), new PrintStream(out, true, StandardCharsets.UTF_8))
          .run("tandale");
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).doesNotContain("the admin's own passphrase", "demo passphrase 2026", "administrator account");
      assertThat(printed).contains("| planner", "(COPLAN_DEMO_PASSWORD)");
      PasswordHasher hasher = new PasswordHasher(Fixture.CHEAP);
      assertThat(hasher.verify("the admin's own passphrase", hash(db, "admin"))).isTrue();
      assertThat(hasher.verify("demo passphrase 2026", hash(db, "viewer"))).isTrue();
    }
  }

  @Test
  void withoutTheDemoOnlyTheAdminIsMade() {
    try (TestDatabase.Fresh db = TestDatabase.get().newEmptyDatabase()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      // what Main passes when the demo was not loaded on this start (--demo false, or loaded before)
      new AccountBootstrap(new Jdbc(db.dataSource()), security(null, null), new PrintStream(out, true, StandardCharsets.UTF_8)).run(null);
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed).contains("| username: admin");
      for (AccountBootstrap.DemoAccount demo : AccountBootstrap.DEMO_ACCOUNTS) {
        assertThat(printed).doesNotContain("| " + demo.username() + " ");
      }
      assertThat(UserAdmin.open(new Jdbc(db.dataSource()), "test", Fixture.CHEAP).list()).extracting(Account::username).containsExactly("admin");
    }
  }

  private static String hash(TestDatabase.Fresh db, String username) {
    return db.scalar("SELECT password_hash FROM account WHERE username = ?", username);
  }

  private static String role(TestDatabase.Fresh db, String username) {
    return db.scalar(
        "SELECT m.role FROM membership m JOIN account a ON a.id = m.account_id WHERE a.username = ? AND m.settlement_id = 'tandale'",
        username);
  }
}
