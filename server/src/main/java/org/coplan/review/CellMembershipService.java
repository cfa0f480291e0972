package org.coplan.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonFields;
import org.coplan.settlements.SettlementService;

/**
 * Which structures a cell holds, changed many at a time: a planner boxes a block of footprints on
 * the map and they move into the cell together, or not at all (one transaction; every unknown id
 * is named in the 422). A null cell takes the structures out of every cell.
 */
final class CellMembershipService {
  /** More than a dense block of a settlement (a box at zoom 15 holds a few hundred footprints). */
  static final int MAX_STRUCTURES = 5000;

  /** What a batch did: how many structures are now in {@code cell} (or in none), how many came from another cell. */
  record Assignment(String cell, int structures, int moved) {}

  /** The structures of a unit (a cluster's and a segment's through their cells). */
  record Members(String unit, String level, List<UUID> structures) {}

  private final SettlementService settlements;
  private final Jdbc jdbc;
  private final RepresentationRepository units = new RepresentationRepository();
  private final CellMembershipRepository repository = new CellMembershipRepository();

  CellMembershipService(SettlementService settlements, Jdbc jdbc) {
    this.settlements = settlements;
    this.jdbc = jdbc;
  }

  Members members(String sid, String unit) {
    settlements.require(sid);
    return jdbc.read(c -> {
      String level = units.levelOf(c, sid, unit)
          .orElseThrow(() -> ApiProblem.notFound("settlement '" + sid + "' has no representation unit '" + unit + "'"));
      return new Members(unit, level, repository.structuresOf(c, sid, unit));
    });
  }

  Assignment assign(String sid, JsonNode body, String author) {
    settlements.require(sid);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("cell", "structures"));
    if (body.isObject() && !body.has("cell")) {
      f.fault("cell", "is required: a cell's id, or null to take the structures out of their cells");
    }
    String cell = f.text("cell", false, 63);
    List<UUID> ids = structureIds(body.path("structures"), f);
    f.failIfAny("the structures cannot be assigned");
    return jdbc.inTransaction(c -> {
      if (cell != null && !"cell".equals(units.levelOf(c, sid, cell).orElse(null))) {
        throw ApiProblem.invalidContent("the structures cannot be assigned",
            List.of(ApiProblem.Fault.pointer("/cell", "'" + cell + "' is not a cell of settlement '" + sid + "'")));
      }
      Set<UUID> known = repository.existing(c, sid, ids);
      List<ApiProblem.Fault> unknown = new ArrayList<>();
      List<JsonNode> given = new ArrayList<>();
      body.get("structures").forEach(given::add);
      for (int i = 0; i < given.size(); i++) {
        if (!known.contains(UUID.fromString(given.get(i).asText()))) {
          unknown.add(ApiProblem.Fault.pointer("/structures/" + i, "settlement '" + sid + "' has no structure " + given.get(i).asText()));
        }
      }
      if (!unknown.isEmpty()) {
        throw ApiProblem.invalidContent("the structures cannot be assigned: " + unknown.size() + " unknown (see errors); none was assigned", unknown);
      }
      int moved = repository.inOtherCells(c, sid, ids, cell);
      if (cell == null) {
        repository.unassign(c, sid, ids);
      } else {
        repository.assign(c, sid, ids, cell, author);
      }
      return new Assignment(cell, ids.size(), moved);
    });
  }

  /** The distinct ids of a non-empty array of UUIDs; each fault with its index. */
  private static List<UUID> structureIds(JsonNode array, JsonFields f) {
    if (!array.isArray() || array.isEmpty()) {
      f.fault("structures", "is required: a non-empty array of structure ids");
      return List.of();
    }
    if (array.size() > MAX_STRUCTURES) {
      f.fault("structures", "holds " + array.size() + " ids; at most " + MAX_STRUCTURES + " go in one request");
      return List.of();
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode v = array.get(i);
      try {
        if (!v.isTextual()) {
          throw new IllegalArgumentException();
        }
        ids.add(UUID.fromString(v.asText()));
      } catch (IllegalArgumentException e) {
        f.add(List.of(ApiProblem.Fault.pointer("/structures/" + i, "must be a structure id (a UUID); got " + v)));
      }
    }
    return List.copyOf(ids);
  }
}
