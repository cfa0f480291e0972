package org.coplan;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coplan.auth.Role;
import org.coplan.auth.TokenScope;
import org.coplan.auth.UserAdmin;
import org.coplan.config.Arguments;
import org.coplan.config.ConfigException;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.EmbeddedPostgres;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;

/**
 * {@code coplan user ...}: account administration from the command line, on the same database the
 * server uses (external, or the embedded cluster: the running server's if it is up, else started
 * for the command and stopped after). No HTTP is involved.
 */
final class UserCommand {
  static final String USAGE =
      """
      usage: coplan user add NAME [--admin] [--display-name TEXT] [--password-stdin]
             coplan user passwd NAME [--password-stdin]
             coplan user role NAME SETTLEMENT ROLE      ROLE: planner engineer community_reviewer viewer none
             coplan user token NAME [--scope read|read_write] [--settlement S] [--name TEXT]
             coplan user list
        Without --password-stdin, add chooses a password and prints it once; passwd asks on the terminal.
        Database options (--db-url, --home, ...) are those of coplan serve.
      """;

  /** Flags that take no value, so that "--admin bob" does not read bob as the flag's value. */
  private static final List<String> SWITCHES = List.of("--admin", "--password-stdin");

  private final InputStream in;
  private final PrintStream out;

  private UserCommand(InputStream in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  /** Runs the command; returns the process exit code (0 done, 1 failed, 2 usage). */
  static int run(String[] argv, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(argv));
    boolean admin = rest.remove("--admin");
    boolean passwordStdin = rest.remove("--password-stdin");
    Arguments args = Arguments.fromCommandLine(rest.toArray(String[]::new), env);
    List<String> words = args.positional();
    if (words.size() < 2 || words.get(0).equals("--help")) {
      err.print(USAGE);
      return 2;
    }
    try (Opened db = open(CoplanConfig.from(args).database())) {
      UserAdmin users = UserAdmin.open(new Jdbc(db.dataSource()), "cli:" + System.getProperty("user.name"));
      UserCommand command = new UserCommand(in, out);
      return switch (words.get(1)) {
        case "add" -> command.add(users, words, args, admin, passwordStdin, err);
        case "passwd" -> command.passwd(users, words, passwordStdin, err);
        case "role" -> command.role(users, words, err);
        case "token" -> command.token(users, words, args, err);
        case "list" -> command.list(users);
        default -> {
          err.print("coplan: unknown user command '" + words.get(1) + "'\n" + USAGE);
          yield 2;
        }
      };
    } catch (ApiProblem e) {
      err.println("coplan: " + e.detail());
      return 1;
    } catch (ConfigException e) {
      err.println("coplan: " + e.getMessage());
      return 1;
    }
  }

  private int add(UserAdmin users, List<String> words, Arguments args, boolean admin, boolean passwordStdin, PrintStream err) {
    if (words.size() != 3) {
      err.print(USAGE);
      return 2;
    }
    String name = words.get(2);
    String password = passwordStdin ? readLine() : UserAdmin.randomPassword();
    users.add(name, args.getString("display-name", "display name of the new account", null), password, admin);
    out.println("created " + (admin ? "admin " : "user ") + name);
    if (!passwordStdin) {
      out.println("password (shown only now): " + password);
    }
    return 0;
  }

  private int passwd(UserAdmin users, List<String> words, boolean passwordStdin, PrintStream err) {
    if (words.size() != 3) {
      err.print(USAGE);
      return 2;
    }
    String password;
    if (passwordStdin) {
      password = readLine();
    } else {
      Console console = System.console();
      if (console == null) {
        err.println("coplan: no terminal to ask on; pipe the password in with --password-stdin");
        return 1;
      }
      char[] first = console.readPassword("New password for %s: ", words.get(2));
      char[] again = console.readPassword("Again: ");
      if (first == null || again == null || !Arrays.equals(first, again)) {
        err.println("coplan: the passwords differ; nothing changed");
        return 1;
      }
      password = new String(first);
    }
    users.setPassword(words.get(2), password);
    out.println("password of " + words.get(2) + " changed; its sessions have ended");
    return 0;
  }

  private int role(UserAdmin users, List<String> words, PrintStream err) {
    if (words.size() != 5) {
      err.print(USAGE);
      return 2;
    }
    String roleName = words.get(4);
    Optional<Role> role = Role.parse(roleName);
    if (role.isEmpty() && !roleName.equals("none")) {
      err.println("coplan: unknown role '" + roleName + "'; one of planner engineer community_reviewer viewer none");
      return 2;
    }
    users.setRole(words.get(2), words.get(3), role.orElse(null));
    out.println(words.get(2) + (role.isPresent() ? " is now " + role.get().id() + " in " : " is no longer a member of ") + words.get(3));
    return 0;
  }

  private int token(UserAdmin users, List<String> words, Arguments args, PrintStream err) {
    if (words.size() != 3) {
      err.print(USAGE);
      return 2;
    }
    String scopeName = args.getString("scope", "token scope", "read");
    Optional<TokenScope> scope = TokenScope.parse(scopeName);
    if (scope.isEmpty()) {
      err.println("coplan: --scope must be read or read_write");
      return 2;
    }
    String token =
        users.createToken(
            words.get(2),
            args.getString("name", "token name", "command line"),
            scope.get(),
            args.getString("settlement", "limit the token to this settlement", null));
    out.println(token);
    return 0;
  }

  private int list(UserAdmin users) {
    users.list()
        .forEach(a -> out.println(a.username() + (a.admin() ? " (admin)" : "") + (a.disabled() ? " (disabled)" : "") + "  " + a.displayName()));
    return 0;
  }

  private String readLine() {
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw new ConfigException("no password on standard input");
      }
      return line;
    } catch (IOException e) {
      throw new ConfigException("cannot read standard input: " + e.getMessage());
    }
  }

  /** The database for one command, migrated; closing releases what the command itself started. */
  private record Opened(HikariDataSource dataSource, AutoCloseable owner) implements AutoCloseable {
    @Override
    public void close() {
      try {
        owner.close();
      } catch (Exception e) {
        throw new ConfigException("cannot close the database: " + e.getMessage());
      }
    }
  }

  private static Opened open(CoplanConfig.Database config) {
    Optional<Integer> running = config.embedded() ? EmbeddedPostgres.runningPort(config.home()) : Optional.empty();
    Opened opened;
    if (running.isPresent()) {
      String url = "jdbc:postgresql://127.0.0.1:" + running.get() + "/" + Database.EMBEDDED_DB_NAME;
      HikariDataSource ds = Database.open(url, "postgres", null, config.poolSize());
      opened = new Opened(ds, ds);
    } else {
      Main.OpenDatabase db = Main.openDatabase(config);
      opened = new Opened(db.dataSource(), db);
    }
    try {
      Database.migrate(opened.dataSource());
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }
}
