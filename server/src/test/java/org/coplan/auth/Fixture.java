package org.coplan.auth;

import org.coplan.db.Jdbc;
import org.coplan.testing.TestServer;

/** Accounts and settings for the access tests, made directly in a test server's database. */
final class Fixture {
  static final String PASSWORD = "correct horse battery staple";
  /** Cheap Argon2 parameters: test accounts need not resist anyone. */
  static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(64, 1, 1);

  private Fixture() {}

  static UserAdmin users(TestServer server) {
    return UserAdmin.open(new Jdbc(server.database().dataSource()), "test", CHEAP);
  }

  /** Creates an account with {@link #PASSWORD}, and a role in {@code settlement} unless null. */
  static void account(TestServer server, String username, boolean admin, String settlement, Role role) {
    UserAdmin users = users(server);
    users.add(username, null, PASSWORD, admin);
    if (settlement != null) {
      users.setRole(username, settlement, role);
    }
  }

  static void setPublic(TestServer server, String settlement, boolean isPublic) {
    server.database().execute("UPDATE settlement SET is_public = ? WHERE id = ?", isPublic, settlement);
    // in force once the server has heard of it (its access answers are cached, see SettlementDirectory)
    server.settled();
  }
}
