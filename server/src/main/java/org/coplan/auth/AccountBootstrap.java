package org.coplan.auth;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.coplan.config.ConfigException;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First run: when no active admin exists, creates {@code admin} with {@code COPLAN_ADMIN_PASSWORD}
 * or a random password; when the demo settlement was loaded just now, creates one demo account per
 * role in it ({@code planner}, {@code engineer}, {@code reviewer}, {@code viewer}) with {@code
 * COPLAN_DEMO_PASSWORD} or random passwords. Chosen passwords are printed once, in a box, to
 * standard output only: the log (standard error, or wherever operators ship it) never holds them.
 */
public final class AccountBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);
  static final String ADMIN = "admin";

  /** A demo account: its username and role. */
  record DemoAccount(String username, Role role) {}

  static final List<DemoAccount> DEMO_ACCOUNTS =
      List.of(
          new DemoAccount("planner", Role.PLANNER),
          new DemoAccount("engineer", Role.ENGINEER),
          new DemoAccount("reviewer", Role.COMMUNITY_REVIEWER),
          new DemoAccount("viewer", Role.VIEWER));

  private final UserAdmin users;
  private final CoplanConfig.Security config;
  private final PrintStream out;

  public AccountBootstrap(Jdbc jdbc, CoplanConfig.Security config, PrintStream out) {
    this(UserAdmin.open(jdbc, "first-run"), config, out);
  }

  AccountBootstrap(UserAdmin users, CoplanConfig.Security config, PrintStream out) {
    this.users = users;
    this.config = config;
    this.out = out;
  }

  /** @param demoSettlement the demo settlement loaded just now, or null */
  public void run(String demoSettlement) {
    try {
      ensureAdmin();
      if (demoSettlement != null) {
        createDemoAccounts(demoSettlement);
      }
    } catch (ApiProblem e) {
      throw new ConfigException("cannot create the first accounts: " + e.detail());
    }
  }

  private void ensureAdmin() {
    if (users.anyAdmin()) {
      if (config.adminPassword() != null) {
        LOG.info("An admin exists already; COPLAN_ADMIN_PASSWORD is ignored");
      }
      return;
    }
    if (users.find(ADMIN).isPresent()) {
      LOG.warn(
          "There is no active admin, and the account '{}' exists without being one. Make an admin with"
              + " `coplan user add NAME --admin`.",
          ADMIN);
      return;
    }
    boolean chosen = config.adminPassword() == null;
    String password = chosen ? UserAdmin.randomPassword() : config.adminPassword();
    users.add(ADMIN, "Administrator", password, true);
    if (chosen) {
      box(
          "coplan created the administrator account",
          List.of("username: " + ADMIN, "password: " + password),
          "This password is shown only this once. Change it with: coplan user passwd " + ADMIN);
    } else {
      LOG.info("Created the administrator account '{}' with the password from COPLAN_ADMIN_PASSWORD", ADMIN);
    }
  }

  private void createDemoAccounts(String settlement) {
    boolean chosen = config.demoPassword() == null;
    List<String> lines = new ArrayList<>();
    for (DemoAccount demo : DEMO_ACCOUNTS) {
      if (users.find(demo.username()).isPresent()) {
        continue;
      }
      String password = chosen ? UserAdmin.randomPassword() : config.demoPassword();
      users.add(demo.username(), "Demo " + demo.role().id().replace('_', ' '), password, false);
      users.setRole(demo.username(), settlement, demo.role());
      lines.add(String.format("%-9s %-19s %s", demo.username(), demo.role().id(), chosen ? password : "(COPLAN_DEMO_PASSWORD)"));
    }
    if (!lines.isEmpty()) {
      lines.add(0, String.format("%-9s %-19s %s", "username", "role in " + settlement, "password"));
      box("coplan created demo accounts", lines, chosen ? "These passwords are shown only this once." : "");
    }
  }

  /** Prints an ASCII box to standard output, which start-up otherwise leaves to the URL line. */
  private void box(String title, List<String> lines, String footer) {
    List<String> all = new ArrayList<>();
    all.add(title);
    all.add("");
    all.addAll(lines);
    if (!footer.isEmpty()) {
      all.add("");
      all.add(footer);
    }
    int width = all.stream().mapToInt(String::length).max().orElse(0);
    String rule = "+" + "-".repeat(width + 2) + "+";
    StringBuilder sb = new StringBuilder("\n").append(rule).append('\n');
    for (String line : all) {
      sb.append("| ").append(line).append(" ".repeat(width - line.length())).append(" |\n");
    }
    sb.append(rule).append('\n');
    out.print(sb);
    out.flush();
  }
}
