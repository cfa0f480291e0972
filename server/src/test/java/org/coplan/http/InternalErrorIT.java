package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A failure nobody expected: the client learns a trace id and nothing else; the log has the rest. */
class InternalErrorIT {
  static final TestServer server = TestServer.start();

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aBrokenDatabaseGivesA500WithATraceIdThatIsInTheLog() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger mapperLog = (Logger) LoggerFactory.getLogger(ProblemMappers.class);
    mapperLog.addAppender(log);
    try (Connection c = server.database().dataSource().getConnection();
        Statement st = c.createStatement()) {
      // this class's own database copy; a missing table is a fault no request can cause
      st.execute("ALTER TABLE settlement RENAME TO settlement_gone");
    }

    HttpResponse<byte[]> r = server.get("/api/settlements");
    mapperLog.detachAppender(log);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestServer.json(r);
    String traceId = p.get("traceId").asText();
    assertThat(traceId).matches("[0-9a-f]{16}");
    assertThat(p.get("detail").asText()).contains(traceId);
    String body = new String(r.body());
    assertThat(body).doesNotContain("settlement_gone", "SQL", "org.", "Exception", "relation");
    assertThat(log.list)
        .anySatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).contains(traceId);
              assertThat(e.getThrowableProxy().getMessage()).contains("relation \"settlement\" does not exist");
            });
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() {
    HttpResponse<byte[]> missing = server.get("/api/nothing/here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestServer.json(missing).get("detail").asText()).contains("/api/nothing/here");
  }
}
