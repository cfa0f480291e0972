package org.coplan.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.coplan.db.DataAccessException;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonFields;
import org.coplan.settlements.SettlementService;

/**
 * The rules of representation: segments hold clusters, clusters hold cells, cells hold structures
 * (by the structure's stable id, so the link holds in every plan). The database checks the levels
 * (V008); this service says so in words and keeps a unit with dependents from being deleted.
 */
final class RepresentationService {
  static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  static final List<String> LEVELS = List.of("segment", "cluster", "cell");

  /** One row of an import that was not applied, and why. */
  record RowFault(int line, String detail) {}

  record ImportReport(int rows, int imported, List<RowFault> errors) {}

  private final SettlementService settlements;
  private final Jdbc jdbc;
  private final RepresentationRepository repository = new RepresentationRepository();

  RepresentationService(SettlementService settlements, Jdbc jdbc) {
    this.settlements = settlements;
    this.jdbc = jdbc;
  }

  Map<String, List<RepresentationRepository.Unit>> units(String sid) {
    settlements.require(sid);
    List<RepresentationRepository.Unit> all = jdbc.read(c -> repository.units(c, sid));
    Map<String, List<RepresentationRepository.Unit>> out = new LinkedHashMap<>();
    for (String level : LEVELS) {
      out.put(level + "s", all.stream().filter(u -> u.level().equals(level)).toList());
    }
    return out;
  }

  /** Creates or replaces a unit; true when created. */
  boolean put(String sid, String id, JsonNode body, String author) {
    settlements.require(sid);
    if (!UNIT_ID.matcher(id).matches()) {
      throw ApiProblem.badParameter("unitId", "must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    JsonFields f = new JsonFields(body);
    f.only(Set.of("level", "name", "parent", "representative"));
    String level = f.text("level", true, 20);
    String name = f.text("name", true, 200);
    String parent = f.text("parent", false, 63);
    String representative = f.text("representative", false, 200);
    if (level != null && !LEVELS.contains(level)) {
      f.fault("level", "must be one of segment, cluster, cell; got '" + level + "'");
    }
    if ("segment".equals(level) && parent != null) {
      f.fault("parent", "a segment belongs to no other unit");
    }
    f.failIfAny("the unit cannot be stored");
    return jdbc.inTransaction(c -> {
      if (parent != null) {
        String parentLevel = repository.levelOf(c, sid, parent).orElse(null);
        String wanted = level.equals("cell") ? "cluster" : "segment";
        if (!wanted.equals(parentLevel)) {
          throw ApiProblem.invalidContent("the unit cannot be stored", List.of(ApiProblem.Fault.pointer("/parent",
              "a " + level + " belongs to a " + wanted + "; " + (parentLevel == null ? "there is no unit '" + parent + "'" : "'" + parent + "' is a " + parentLevel))));
        }
      }
      String current = repository.levelOf(c, sid, id).orElse(null);
      if (current != null && !current.equals(level) && repository.dependents(c, sid, id) > 0) {
        throw ApiProblem.conflict(current + " '" + id + "' has members or reactions; it cannot become a " + level);
      }
      return repository.upsert(c, sid, id, level, name, parent, representative, author);
    });
  }

  void delete(String sid, String id) {
    settlements.require(sid);
    jdbc.inTransaction(c -> {
      if (repository.levelOf(c, sid, id).isEmpty()) {
        throw ApiProblem.notFound("settlement '" + sid + "' has no representation unit '" + id + "'");
      }
      if (repository.dependents(c, sid, id) > 0) {
        throw ApiProblem.conflict("'" + id + "' still has units, structures or recorded reactions; move them first");
      }
      return repository.delete(c, sid, id);
    });
  }

  void assign(String sid, String structureId, JsonNode body, String author) {
    settlements.require(sid);
    UUID structure = uuid(structureId);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("cell"));
    String cell = f.text("cell", true, 63);
    f.failIfAny("the structure cannot be assigned");
    jdbc.inTransaction(c -> {
      if (!repository.structureExists(c, sid, structure)) {
        throw ApiProblem.notFound("settlement '" + sid + "' has no structure " + structureId);
      }
      if (!"cell".equals(repository.levelOf(c, sid, cell).orElse(null))) {
        throw ApiProblem.invalidContent("the structure cannot be assigned", List.of(ApiProblem.Fault.pointer("/cell", "'" + cell + "' is not a cell of settlement '" + sid + "'")));
      }
      repository.assign(c, sid, structure, cell, author);
      return null;
    });
  }

  /**
   * Imports rows of (cell, cluster, segment, structure): units are created as needed (named by
   * their ids), the structure is linked to the cell. Each row is applied whole or not at all
   * (a savepoint per row); the report names every row that was not applied, with the reason.
   */
  ImportReport importCsv(String sid, String text, String author) {
    settlements.require(sid);
    List<RepresentationCsv.Row> rows;
    try {
      rows = RepresentationCsv.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalidContent(e.getMessage(), List.of());
    }
    return jdbc.inTransaction(c -> {
      List<RowFault> faults = new ArrayList<>();
      int imported = 0;
      for (RepresentationCsv.Row row : rows) {
        String fault = row.fault() != null ? row.fault() : check(row);
        if (fault == null) {
          Savepoint sp = c.setSavepoint();
          try {
            UUID structure = UUID.fromString(row.structure());
            if (!repository.structureExists(c, sid, structure)) {
              fault = "settlement '" + sid + "' has no structure " + row.structure();
            } else {
              fault = ensure(c, sid, row.segment(), "segment", null, author);
              fault = fault != null ? fault : ensure(c, sid, row.cluster(), "cluster", row.segment(), author);
              fault = fault != null ? fault : ensure(c, sid, row.cell(), "cell", row.cluster(), author);
              if (fault == null) {
                repository.assign(c, sid, structure, row.cell(), author);
              }
            }
            if (fault == null) {
              c.releaseSavepoint(sp);
              imported++;
            } else {
              c.rollback(sp);
            }
          } catch (java.sql.SQLException | DataAccessException e) {
            c.rollback(sp);
            fault = "could not be stored";
          }
        }
        if (fault != null) {
          faults.add(new RowFault(row.line(), fault));
        }
      }
      return new ImportReport(rows.size(), imported, faults);
    });
  }

  private static String check(RepresentationCsv.Row row) {
    for (String[] v : new String[][] {{"cell", row.cell()}, {"cluster", row.cluster()}, {"segment", row.segment()}}) {
      if (!UNIT_ID.matcher(v[1]).matches()) {
        return v[0] + " '" + v[1] + "' must be 1 to 63 letters, digits, '.', '_' or '-'";
      }
    }
    try {
      UUID.fromString(row.structure());
      return null;
    } catch (IllegalArgumentException e) {
      return "structure '" + row.structure() + "' is not a structure id (a UUID)";
    }
  }

  /** The unit exists at this level under this parent, or is created so; else why not. */
  private String ensure(java.sql.Connection c, String sid, String id, String level, String parent, String author) throws java.sql.SQLException {
    String current = repository.levelOf(c, sid, id).orElse(null);
    if (current == null) {
      repository.upsert(c, sid, id, level, id, parent, null, author);
      return null;
    }
    if (!current.equals(level)) {
      return "'" + id + "' is a " + current + ", not a " + level;
    }
    String existingParent = parentOf(c, sid, id);
    if (parent != null && existingParent != null && !existingParent.equals(parent)) {
      return level + " '" + id + "' belongs to '" + existingParent + "', not '" + parent + "'";
    }
    if (parent != null && existingParent == null) {
      try (var ps = c.prepareStatement("UPDATE rep_unit SET parent_id = ?, updated_at = now(), updated_by = ? WHERE settlement_id = ? AND id = ?")) {
        ps.setString(1, parent);
        ps.setString(2, author);
        ps.setString(3, sid);
        ps.setString(4, id);
        ps.executeUpdate();
      }
    }
    return null;
  }

  private static String parentOf(java.sql.Connection c, String sid, String id) throws java.sql.SQLException {
    try (var ps = c.prepareStatement("SELECT parent_id FROM rep_unit WHERE settlement_id = ? AND id = ?")) {
      ps.setString(1, sid);
      ps.setString(2, id);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("no structure " + id);
    }
  }
}
