package org.coplan.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Who makes a change and why, as the history records it. The reason is the body's top-level
 * {@code reason} member when there is one, else the {@value #REASON_HEADER} header (which suits
 * DELETE, whose requests have no body; HTTP headers carry ASCII safely, so reasons in other
 * scripts belong in the body).
 *
 * @param reason null when none was given
 */
public record Change(String author, String reason) {
  public static final String REASON_HEADER = "X-Change-Reason";
  public static final int MAX_REASON_LENGTH = 2000;

  /** @param body the request's JSON body, or null for a request without one */
  public static Change of(SecurityContext security, HttpHeaders headers, JsonNode body) {
    String reason = headers == null ? null : headers.getHeaderString(REASON_HEADER);
    JsonNode member = body != null && body.isObject() ? body.get("reason") : null;
    if (member != null && !member.isNull()) {
      if (!member.isTextual()) {
        throw ApiProblem.invalidContent(
            "the reason must be text", List.of(ApiProblem.Fault.pointer("/reason", "must be a string")));
      }
      reason = member.asText();
    }
    reason = reason == null || reason.isBlank() ? null : reason.strip();
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw ApiProblem.invalidContent(
          "the reason is too long",
          List.of(ApiProblem.Fault.pointer("/reason", "must be at most " + MAX_REASON_LENGTH + " characters")));
    }
    return new Change(Author.of(security), reason);
  }
}
