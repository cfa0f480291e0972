package org.coplan.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.line;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.coplan.layers.Layer;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed against the real database: what the API and plain SQL commit is announced, with
 * the boxes before and after; what rolls back is not; a broken connection is noticed and healed.
 */
class ChangeFeedIT {
  static final TestServer server = TestServer.start();
  static final String ITEMS = "/api/settlements/tandale/plans/baseline/collections/footpaths/items";
  static ChangeFeed feed;
  static final BlockingQueue<FeatureChange> changes = new LinkedBlockingQueue<>();
  static final BlockingQueue<Boolean> gaps = new LinkedBlockingQueue<>();

  @BeforeAll
  static void listen() throws Exception {
    feed = new ChangeFeed(server.database().dataSource());
    feed.subscribe(new ChangeListener() {
      @Override
      public void changed(FeatureChange change) {
        changes.add(change);
      }

      @Override
      public void missedChanges() {
        gaps.add(true);
      }
    });
    feed.start();
  }

  @AfterAll
  static void stop() throws Exception {
    feed.close();
    server.close();
  }

  @BeforeEach
  void drain() {
    changes.clear();
  }

  @Test
  void anApiEditIsAnnouncedWithItsBoxesBeforeAndAfter() throws Exception {
    HttpResponse<byte[]> created =
        Requests.post(server, ITEMS, feature(line(39.2400, -6.8000, 39.2410, -6.8005), footpath("footpath", 2.0)));
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

    FeatureChange insert = next();
    assertThat(insert.settlementId()).isEqualTo("tandale");
    assertThat(insert.planId()).isEqualTo("baseline");
    assertThat(insert.layer()).isEqualTo(Layer.FOOTPATHS);
    assertThat(insert.count()).isEqualTo(1);
    ChangedFeature made = insert.features().get(0);
    assertThat(made.id()).isEqualTo(id);
    assertThat(made.before()).isNull();
    assertThat(made.after().getMinX()).isEqualTo(39.24);
    assertThat(made.after().getMaxY()).isEqualTo(-6.8);
    assertThat(made.author()).isEqualTo("test-admin");

    String path = ITEMS + "/" + id;
    HttpResponse<byte[]> moved = Requests.put(server, path, Requests.etag(server, path),
        feature(line(39.2450, -6.8050, 39.2460, -6.8060), footpath("footpath", 2.0)));
    assertThat(moved.statusCode()).isIn(200, 204);
    ChangedFeature update = next().features().get(0);
    assertThat(update.before().getMinX()).isEqualTo(39.24);
    assertThat(update.after().getMinX()).isEqualTo(39.245);
    assertThat(update.version()).isEqualTo(made.version() + 1);

    assertThat(Requests.delete(server, path, Requests.etag(server, path)).statusCode()).isEqualTo(204);
    ChangedFeature deleted = next().features().get(0);
    assertThat(deleted.deleted()).isTrue();
  }

  @Test
  void aLargeStatementIsOneBulkNotificationWithItsExtent() throws Exception {
    server.database().execute(
        "UPDATE structures SET name = 'renamed' WHERE settlement_id = 'tandale' AND plan_id = 'baseline'"
            + " AND id IN (SELECT id FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' ORDER BY id LIMIT 30)");
    FeatureChange bulk = next();
    assertThat(bulk.layer()).isEqualTo(Layer.STRUCTURES);
    assertThat(bulk.count()).isEqualTo(30);
    assertThat(bulk.bulk()).isTrue();
    assertThat(bulk.extent()).isNotNull();
    assertThat(bulk.extent().getMinX()).isBetween(39.2, 39.3);
    assertThat(changes.poll(300, TimeUnit.MILLISECONDS)).as("one notification for the statement").isNull();
  }

  @Test
  void whatRollsBackIsNeverAnnounced() throws Exception {
    try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("UPDATE footpaths SET name = 'never' WHERE settlement_id = 'tandale' AND plan_id = 'baseline'"
          + " AND id = (SELECT id FROM footpaths WHERE settlement_id = 'tandale' ORDER BY id LIMIT 1)");
      c.rollback();
    }
    assertThat(changes.poll(800, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aBrokenConnectionIsReportedAndTheFeedCarriesOn() throws Exception {
    gaps.clear();
    server.database().execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN coplan_%' AND pid <> pg_backend_pid()");
    assertThat(gaps.poll(10, TimeUnit.SECONDS)).as("listeners told of the gap").isTrue();
    server.database().execute(
        "UPDATE footpaths SET name = 'after the gap' WHERE settlement_id = 'tandale' AND plan_id = 'baseline'"
            + " AND id = (SELECT id FROM footpaths WHERE settlement_id = 'tandale' ORDER BY id LIMIT 1)");
    assertThat(next().layer()).isEqualTo(Layer.FOOTPATHS);
  }

  private static FeatureChange next() throws InterruptedException {
    FeatureChange c = changes.poll(5, TimeUnit.SECONDS);
    assertThat(c).as("a change announced within 5 s").isNotNull();
    return c;
  }
}
