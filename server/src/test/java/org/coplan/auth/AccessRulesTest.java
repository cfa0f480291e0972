package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
  @PublicEndpoint
  static class PublicClass {
    public void plain() {}

    @AdminOnly
    public void adminOverride() {}
  }

  static class Unmarked {
    public void plain() {}

    @Requires(Role.ENGINEER)
    public void engineer() {}

    @PublicEndpoint
    @SignedIn
    public void twoRules() {}
  }

  private static Method m(Class<?> c, String name) throws NoSuchMethodException {
    return c.getMethod(name);
  }

  @Test
  void theMethodWinsOverItsClass() throws Exception {
    assertThat(AccessRules.of(m(PublicClass.class, "plain"), PublicClass.class, false)).isEqualTo(AccessPolicy.Rule.PUBLIC);
    assertThat(AccessRules.of(m(PublicClass.class, "adminOverride"), PublicClass.class, true)).isEqualTo(AccessPolicy.Rule.ADMIN);
  }

  @Test
  void undeclaredEndpointsAreClosedOutsideASettlementAndDefaultedInside() throws Exception {
    assertThat(AccessRules.of(m(Unmarked.class, "plain"), Unmarked.class, false)).isEqualTo(AccessPolicy.Rule.UNDECLARED);
    assertThat(AccessRules.of(m(Unmarked.class, "plain"), Unmarked.class, true)).isEqualTo(AccessPolicy.Rule.SETTLEMENT_DEFAULT);
  }

  @Test
  void aRoleMeansNothingOutsideASettlement() throws Exception {
    assertThat(AccessRules.of(m(Unmarked.class, "engineer"), Unmarked.class, true)).isEqualTo(AccessPolicy.Rule.settlement(Role.ENGINEER));
    assertThat(AccessRules.of(m(Unmarked.class, "engineer"), Unmarked.class, false)).isEqualTo(AccessPolicy.Rule.UNDECLARED);
  }

  @Test
  void twoRulesOnOneMethodCloseIt() throws Exception {
    assertThat(AccessRules.of(m(Unmarked.class, "twoRules"), Unmarked.class, false)).isEqualTo(AccessPolicy.Rule.UNDECLARED);
  }
}
