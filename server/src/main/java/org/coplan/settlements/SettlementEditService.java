package org.coplan.settlements;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.coplan.db.ChangeStamp;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.Change;

/**
 * Creating, changing and archiving settlements, each in one transaction. A settlement is never
 * deleted: its plans, features and history are the record of what was decided with whom, so
 * "delete" archives it (it leaves the API; nothing is lost).
 */
public final class SettlementEditService {
  private final SettlementWriteRepository repository = new SettlementWriteRepository();
  private final Jdbc jdbc;

  public SettlementEditService(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the settlement and its (empty) baseline plan; returns its id. */
  String create(JsonNode body, Change change) {
    return jdbc.inTransaction(c -> create(c, body, change));
  }

  /**
   * Creates the settlement and its baseline on the caller's connection, inside its transaction (an
   * import creates a settlement and its first features all or nothing); returns its id.
   */
  public String create(Connection c, JsonNode body, Change change) throws SQLException {
    SettlementInput.New s = SettlementInput.create(body);
    if (s.metricSrid() != null && !repository.isMetric(c, s.metricSrid())) {
      throw ApiProblem.invalidContent(
          "the metric CRS is not usable",
          List.of(
              ApiProblem.Fault.pointer(
                  "/metricSrid", "EPSG:" + s.metricSrid() + " is not a projected CRS in metres that PostGIS knows")));
    }
    ChangeStamp.stamp(c, "create", change.reason());
    String id = s.id();
    if (id != null) {
      if (!repository.insert(c, id, s, change.author())) {
        throw ApiProblem.conflict("settlement id '" + id + "' is taken (perhaps by an archived settlement); choose another");
      }
    } else {
      String slug = Slug.of(s.fields().name(), "settlement");
      int n = 1;
      while (!repository.insert(c, Slug.candidate(slug, n), s, change.author())) {
        n++;
      }
      id = Slug.candidate(slug, n);
    }
    repository.insertBaseline(c, id, change.author());
    return id;
  }

  /** Applies a merge patch to name, notes, category (with its reason) and attribution. */
  void patch(String id, JsonNode patch, Change change) {
    jdbc.inTransaction(
        c -> {
          SettlementInput.Editable current =
              repository.lock(c, id).orElseThrow(() -> notFound(id));
          SettlementInput.Editable next = SettlementInput.patch(patch, current);
          ChangeStamp.stamp(c, next.categoryChanged(current) ? "categorise" : "update", change.reason());
          repository.update(c, id, next, change.author());
          return null;
        });
  }

  /** The same 404 as {@link SettlementService#require}: an archived settlement is gone from the API. */
  private static ApiProblem notFound(String id) {
    return ApiProblem.notFound("no settlement '" + id + "'");
  }

  void archive(String id, Change change) {
    jdbc.inTransaction(
        c -> {
          ChangeStamp.stamp(c, "archive", change.reason());
          if (!repository.archive(c, id, change.author())) {
            throw notFound(id);
          }
          return null;
        });
  }
}
