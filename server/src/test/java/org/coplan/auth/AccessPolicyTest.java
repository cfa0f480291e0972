package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.coplan.auth.AccessPolicy.Rule;
import org.coplan.auth.AccessPolicy.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule table of {@link AccessPolicy}: caller × rule × read/change × settlement → status. */
class AccessPolicyTest {
  static final Account ACCOUNT = new Account(1, "someone", "Someone", false, false, null);
  static final Account ADMIN_ACCOUNT = new Account(2, "root", "Root", true, false, null);

  static final Caller ANONYMOUS = Caller.ANONYMOUS;
  static final Caller OUTSIDER = session(ACCOUNT, Map.of());
  static final Caller ADMIN = session(ADMIN_ACCOUNT, Map.of());
  static final Caller PLANNER = session(ACCOUNT, Map.of("s", Role.PLANNER));
  static final Caller ENGINEER = session(ACCOUNT, Map.of("s", Role.ENGINEER));
  static final Caller REVIEWER = session(ACCOUNT, Map.of("s", Role.COMMUNITY_REVIEWER));
  static final Caller VIEWER = session(ACCOUNT, Map.of("s", Role.VIEWER));
  static final Caller SHARE = ANONYMOUS.withShare(new Caller.ShareGrant(9, "s", "p"));
  static final Caller OUTSIDER_WITH_SHARE = OUTSIDER.withShare(new Caller.ShareGrant(9, "s", "p"));
  static final Caller PLANNER_READ_TOKEN = token(ACCOUNT, Map.of("s", Role.PLANNER), TokenScope.READ, null);
  static final Caller PLANNER_TOKEN_ELSEWHERE = token(ACCOUNT, Map.of("s", Role.PLANNER), TokenScope.READ_WRITE, "t");
  static final Caller ADMIN_TOKEN_ELSEWHERE = token(ADMIN_ACCOUNT, Map.of(), TokenScope.READ_WRITE, "t");
  static final Caller ADMIN_READ_TOKEN = token(ADMIN_ACCOUNT, Map.of(), TokenScope.READ, null);

  static final Target HIDDEN_PLAN = new Target("s", "p", false);
  static final Target HIDDEN_OTHER_PLAN = new Target("s", "q", false);
  static final Target HIDDEN_SETTLEMENT = new Target("s", null, false);
  static final Target PUBLIC_PLAN = new Target("s", "p", true);
  static final Target MISSING = new Target("s", null, null);
  static final Target NONE = new Target(null, null, null);

  static final Rule READ_OR_PLANNER = Rule.SETTLEMENT_DEFAULT;
  static final Rule ENGINEER_RULE = Rule.settlement(Role.ENGINEER);
  static final Rule PLANNER_RULE = Rule.settlement(Role.PLANNER);
  static final boolean READ = false;
  static final boolean CHANGE = true;

  static Stream<Arguments> table() {
    return Stream.of(
        // caller, rule, change?, target, expected status (200 = allowed)
        row("anonymous", ANONYMOUS, Rule.PUBLIC, CHANGE, NONE, 200),
        row("anonymous", ANONYMOUS, Rule.SIGNED_IN, READ, NONE, 401),
        row("share", SHARE, Rule.SIGNED_IN, READ, NONE, 401),
        row("outsider", OUTSIDER, Rule.SIGNED_IN, CHANGE, NONE, 200),
        row("read token", PLANNER_READ_TOKEN, Rule.SIGNED_IN, READ, NONE, 200),
        row("read token", PLANNER_READ_TOKEN, Rule.SIGNED_IN, CHANGE, NONE, 403),
        row("settlement token", PLANNER_TOKEN_ELSEWHERE, Rule.SIGNED_IN, CHANGE, NONE, 403),
        row("anonymous", ANONYMOUS, Rule.ADMIN, READ, NONE, 401),
        row("planner", PLANNER, Rule.ADMIN, READ, NONE, 403),
        row("admin", ADMIN, Rule.ADMIN, CHANGE, NONE, 200),
        row("admin read token", ADMIN_READ_TOKEN, Rule.ADMIN, READ, NONE, 200),
        row("admin read token", ADMIN_READ_TOKEN, Rule.ADMIN, CHANGE, NONE, 403),
        row("admin settlement token", ADMIN_TOKEN_ELSEWHERE, Rule.ADMIN, READ, NONE, 403),
        row("admin", ADMIN, Rule.UNDECLARED, READ, NONE, 403),
        // reads in a hidden settlement
        row("anonymous", ANONYMOUS, READ_OR_PLANNER, READ, HIDDEN_PLAN, 401),
        row("anonymous", ANONYMOUS, READ_OR_PLANNER, READ, MISSING, 401),
        row("outsider", OUTSIDER, READ_OR_PLANNER, READ, HIDDEN_PLAN, 404),
        row("outsider", OUTSIDER, READ_OR_PLANNER, READ, MISSING, 404),
        row("viewer", VIEWER, READ_OR_PLANNER, READ, HIDDEN_PLAN, 200),
        row("reviewer", REVIEWER, READ_OR_PLANNER, READ, HIDDEN_PLAN, 200),
        row("admin", ADMIN, READ_OR_PLANNER, READ, MISSING, 200),
        row("share", SHARE, READ_OR_PLANNER, READ, HIDDEN_PLAN, 200),
        row("share", SHARE, READ_OR_PLANNER, READ, HIDDEN_OTHER_PLAN, 401),
        row("share", SHARE, READ_OR_PLANNER, READ, HIDDEN_SETTLEMENT, 401),
        row("outsider with share", OUTSIDER_WITH_SHARE, READ_OR_PLANNER, READ, HIDDEN_OTHER_PLAN, 404),
        row("settlement token", PLANNER_TOKEN_ELSEWHERE, READ_OR_PLANNER, READ, HIDDEN_PLAN, 404),
        row("admin settlement token", ADMIN_TOKEN_ELSEWHERE, READ_OR_PLANNER, READ, HIDDEN_PLAN, 404),
        // changes: planner by default, or the declared role
        row("anonymous", ANONYMOUS, READ_OR_PLANNER, CHANGE, PUBLIC_PLAN, 401),
        row("share", SHARE, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 401),
        row("outsider", OUTSIDER, READ_OR_PLANNER, CHANGE, PUBLIC_PLAN, 403),
        row("outsider", OUTSIDER, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 404),
        row("viewer", VIEWER, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 403),
        row("engineer", ENGINEER, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 403),
        row("planner", PLANNER, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 200),
        row("admin", ADMIN, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 200),
        row("planner read token", PLANNER_READ_TOKEN, READ_OR_PLANNER, CHANGE, HIDDEN_PLAN, 403),
        row("planner read token", PLANNER_READ_TOKEN, READ_OR_PLANNER, READ, HIDDEN_PLAN, 200),
        row("reviewer", REVIEWER, ENGINEER_RULE, CHANGE, HIDDEN_PLAN, 403),
        row("engineer", ENGINEER, ENGINEER_RULE, CHANGE, HIDDEN_PLAN, 200),
        row("planner", PLANNER, ENGINEER_RULE, CHANGE, HIDDEN_PLAN, 200),
        // a declared role applies to reads too
        row("viewer", VIEWER, PLANNER_RULE, READ, HIDDEN_SETTLEMENT, 403),
        row("share", SHARE, PLANNER_RULE, READ, HIDDEN_PLAN, 401),
        row("planner", PLANNER, PLANNER_RULE, READ, HIDDEN_SETTLEMENT, 200),
        row("viewer", VIEWER, Rule.settlement(Role.VIEWER), CHANGE, HIDDEN_PLAN, 200));
  }

  @ParameterizedTest(name = "{0}, {2}, change={3}, {4} -> {5}")
  @MethodSource("table")
  void decides(String who, Caller caller, Rule rule, boolean change, Target target, int expected) {
    AccessPolicy.Decision d = AccessPolicy.decide(caller, rule, change, target);
    assertThat(d.allowed() ? 200 : d.problem().status()).isEqualTo(expected);
    if (expected == 401) {
      assertThat(d.problem().headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"coplan\"");
    }
    if (expected == 404) {
      assertThat(d.problem().detail()).isIn("no settlement 's'", "settlement 's' has no plan 'q'");
    }
  }

  @ParameterizedTest(name = "roles: {0} includes {1} = {2}")
  @MethodSource("roles")
  void rolesIncludeTheLowerOnes(Role has, Role needs, boolean includes) {
    assertThat(has.includes(needs)).isEqualTo(includes);
  }

  static Stream<Arguments> roles() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Role has : Role.values()) {
      for (Role needs : Role.values()) {
        b.add(Arguments.of(has, needs, has.ordinal() >= needs.ordinal()));
      }
    }
    return b.build();
  }

  private static Arguments row(String who, Caller caller, Rule rule, boolean change, Target target, int status) {
    return Arguments.of(who, caller, rule, change, target, status);
  }

  private static Caller session(Account account, Map<String, Role> roles) {
    return new Caller(Caller.Credential.SESSION, account, roles, null, null, "csrf", Caller.Ignored.NOTHING);
  }

  private static Caller token(Account account, Map<String, Role> roles, TokenScope scope, String settlement) {
    return new Caller(Caller.Credential.TOKEN, account, roles, new Caller.TokenGrant(5, scope, settlement), null, null, Caller.Ignored.NOTHING);
  }
}
