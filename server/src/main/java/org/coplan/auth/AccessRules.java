package org.coplan.auth;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the access rule an endpoint declares: the method's annotation, else its class's, else the
 * default for endpoints under a settlement. Two rules on one element are a mistake and close the
 * endpoint rather than guess which was meant.
 */
public final class AccessRules {
  private AccessRules() {}

  /**
   * @param inSettlement whether the endpoint's path has the {@code sid} parameter
   */
  public static AccessPolicy.Rule of(Method method, Class<?> resourceClass, boolean inSettlement) {
    for (AnnotatedElement element : new AnnotatedElement[] {method, resourceClass}) {
      if (element == null) {
        continue;
      }
      List<AccessPolicy.Rule> declared = declared(element, inSettlement);
      if (declared.size() > 1) {
        return AccessPolicy.Rule.UNDECLARED;
      }
      if (declared.size() == 1) {
        return declared.get(0);
      }
    }
    return inSettlement ? AccessPolicy.Rule.SETTLEMENT_DEFAULT : AccessPolicy.Rule.UNDECLARED;
  }

  private static List<AccessPolicy.Rule> declared(AnnotatedElement element, boolean inSettlement) {
    List<AccessPolicy.Rule> rules = new ArrayList<>();
    if (element.isAnnotationPresent(PublicEndpoint.class)) {
      rules.add(AccessPolicy.Rule.PUBLIC);
    }
    if (element.isAnnotationPresent(SignedIn.class)) {
      rules.add(AccessPolicy.Rule.SIGNED_IN);
    }
    if (element.isAnnotationPresent(AdminOnly.class)) {
      rules.add(AccessPolicy.Rule.ADMIN);
    }
    Requires requires = element.getAnnotation(Requires.class);
    if (requires != null) {
      // a settlement role means nothing outside a settlement
      rules.add(inSettlement ? AccessPolicy.Rule.settlement(requires.value()) : AccessPolicy.Rule.UNDECLARED);
    }
    return rules;
  }
}
