package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.coplan.db.ChangeStamp;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.Change;
import org.coplan.http.JsonMapper;
import org.coplan.settlements.SettlementService;
import org.locationtech.jts.geom.Point;

/**
 * A household enumeration (CSV: household id, structure id or longitude/latitude, people, cell)
 * onto the baseline's structures: each row is linked to a structure by its id (UUID, or the
 * integer {@code fid} of the tiles) or, without one, by the point falling inside a footprint. Each
 * linked structure gets the number of households and the sum of people enumerated in it, its cell
 * when given, and {@code occupancy_estimated = false}; rows that link to nothing are reported,
 * never guessed. All in one transaction (the history triggers record every structure changed);
 * {@code dryRun} reports without writing.
 */
public final class HouseholdService {
  private static final Set<String> HOUSEHOLD = Set.of("household_id", "household", "hh_id", "hhid", "id");
  private static final Set<String> STRUCTURE = Set.of("structure_id", "structure", "building_id", "fid");
  private static final Set<String> PEOPLE = Set.of("people", "persons", "members", "size", "household_size");
  private static final Set<String> CELL = Set.of("cell", "cell_id");

  private final Jdbc jdbc;
  private final SettlementService settlements;
  private final GdalRunner gdal;
  private final SourceReader reader;

  public HouseholdService(Jdbc jdbc, SettlementService settlements, GdalRunner gdal) {
    this.jdbc = jdbc;
    this.settlements = settlements;
    this.gdal = gdal;
    this.reader = new SourceReader(gdal, ZipGuard.defaults());
  }

  private record Household(int row, String id, String structure, Point point, Integer people, String cell) {}

  private record Tally(int households, int people, String cell) {}

  ObjectNode apply(String sid, InputStream file, String fileName, boolean dryRun, Change change) {
    settlements.requirePlan(sid, "baseline");
    List<SourceReader.Row> rows = new ArrayList<>();
    try (GdalRunner.Workspace ws = gdal.workspace()) {
      Path upload = ws.file("upload.bin");
      Files.copy(file, upload);
      SourceReader.Dataset dataset = reader.open(ws, upload, fileName == null ? "households.csv" : fileName);
      reader.read(ws, dataset, dataset.layers().get(0), false, null, new SourceReader.RowSink() {
        @Override
        public void row(SourceReader.Row row) {
          rows.add(row);
        }

        @Override
        public void note(String note) {}
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode out = JsonMapper.MAPPER.createObjectNode();
    ArrayNode unmatched = JsonMapper.MAPPER.createArrayNode();
    List<Household> households = new ArrayList<>();
    for (SourceReader.Row r : rows) {
      String id = field(r.properties(), HOUSEHOLD);
      String structure = field(r.properties(), STRUCTURE);
      String peopleText = field(r.properties(), PEOPLE);
      Integer people = null;
      if (peopleText != null) {
        try {
          people = Integer.valueOf(peopleText.strip());
          if (people < 0) {
            throw new NumberFormatException();
          }
        } catch (NumberFormatException e) {
          unmatched.addObject().put("row", r.number()).put("household", id).put("reason", "people '" + peopleText + "' is not a whole number of 0 or more");
          continue;
        }
      }
      Point point = r.geometry() instanceof Point p ? p : null;
      if (structure == null && point == null) {
        unmatched.addObject().put("row", r.number()).put("household", id).put("reason", "neither a structure id nor longitude/latitude");
        continue;
      }
      households.add(new Household(r.number(), id, structure, point, people, field(r.properties(), CELL)));
    }
    return jdbc.inTransaction(
        c -> {
          Map<UUID, Tally> tallies = new LinkedHashMap<>();
          int matched = 0;
          for (Household h : households) {
            UUID structure = h.structure() != null ? byId(c, sid, h.structure()) : byPoint(c, sid, h.point());
            if (structure == null) {
              String why = h.structure() != null
                  ? "no structure '" + h.structure() + "' in the settlement's baseline"
                  : "no structure footprint at " + h.point().getX() + ", " + h.point().getY();
              unmatched.addObject().put("row", h.row()).put("household", h.id()).put("reason", why);
              continue;
            }
            matched++;
            Tally t = tallies.getOrDefault(structure, new Tally(0, 0, null));
            tallies.put(structure, new Tally(t.households() + 1, t.people() + (h.people() == null ? 0 : h.people()), h.cell() != null ? h.cell() : t.cell()));
          }
          if (!dryRun && !tallies.isEmpty()) {
            ChangeStamp.stamp(c, "update", change.reason() != null ? change.reason() : "household enumeration " + (fileName == null ? "" : fileName));
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE structures SET households = ?, people = ?, cell = coalesce(?, cell), occupancy_estimated = false,"
                    + " version = version + 1, updated_at = now(), updated_by = ?"
                    + " WHERE settlement_id = ? AND plan_id = 'baseline' AND id = ? AND NOT deleted")) {
              for (var e : tallies.entrySet()) {
                ps.setInt(1, e.getValue().households());
                ps.setInt(2, e.getValue().people());
                ps.setString(3, e.getValue().cell());
                ps.setString(4, change.author());
                ps.setString(5, sid);
                ps.setObject(6, e.getKey());
                ps.addBatch();
              }
              ps.executeBatch();
            }
          }
          // a cell the settlement's representation knows links the structure to it (community review
          // tallies by that link); any other cell text stays on the structure's attribute only
          ArrayNode unknownCells = out.putArray("unknownCells");
          int linked = 0;
          for (String cell : tallies.values().stream().map(Tally::cell).filter(java.util.Objects::nonNull).distinct().toList()) {
            if (!isKnownCell(c, sid, cell)) {
              unknownCells.add(cell);
            }
          }
          if (!dryRun) {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO structure_cell (settlement_id, structure_id, cell_id, assigned_by)"
                    + " SELECT u.settlement_id, ?, u.id, ? FROM rep_unit u WHERE u.settlement_id = ? AND u.id = ? AND u.level = 'cell'"
                    + " ON CONFLICT (settlement_id, structure_id)"
                    + " DO UPDATE SET cell_id = EXCLUDED.cell_id, assigned_at = now(), assigned_by = EXCLUDED.assigned_by")) {
              for (var e : tallies.entrySet()) {
                if (e.getValue().cell() == null) {
                  continue;
                }
                ps.setObject(1, e.getKey());
                ps.setString(2, change.author());
                ps.setString(3, sid);
                ps.setString(4, e.getValue().cell());
                linked += ps.executeUpdate();
              }
            }
          }
          out.put("structuresLinkedToCells", linked);
          out.put("rows", rows.size());
          out.put("matched", matched);
          out.put("structuresUpdated", dryRun ? 0 : tallies.size());
          out.put("structuresMatched", tallies.size());
          out.put("households", tallies.values().stream().mapToInt(Tally::households).sum());
          out.put("people", tallies.values().stream().mapToInt(Tally::people).sum());
          out.put("dryRun", dryRun);
          out.set("unmatched", unmatched);
          return out;
        });
  }

  private static boolean isKnownCell(Connection c, String sid, String cell) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rep_unit WHERE settlement_id = ? AND id = ? AND level = 'cell'")) {
      ps.setString(1, sid);
      ps.setString(2, cell);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static UUID byId(Connection c, String sid, String id) throws SQLException {
    String sql;
    Object value;
    if (id.strip().matches("\\d{1,18}")) {
      sql = "SELECT id FROM structures WHERE settlement_id = ? AND plan_id = 'baseline' AND NOT deleted AND fid = ?";
      value = Long.parseLong(id.strip());
    } else {
      try {
        value = UUID.fromString(id.strip());
      } catch (IllegalArgumentException e) {
        return null;
      }
      sql = "SELECT id FROM structures WHERE settlement_id = ? AND plan_id = 'baseline' AND NOT deleted AND id = ?";
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, sid);
      ps.setObject(2, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    }
  }

  /** The structure whose footprint holds the point; of overlapping ones, the smallest. */
  private static UUID byPoint(Connection c, String sid, Point p) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM structures WHERE settlement_id = ? AND plan_id = 'baseline' AND NOT deleted"
            + " AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY ST_Area(geom) LIMIT 1")) {
      ps.setString(1, sid);
      ps.setDouble(2, p.getX());
      ps.setDouble(3, p.getY());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    }
  }

  private static String field(JsonNode properties, Set<String> names) {
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) properties::fields) {
      if (names.contains(e.getKey().toLowerCase(Locale.ROOT)) && !e.getValue().isNull() && !e.getValue().asText().isBlank()) {
        return e.getValue().asText();
      }
    }
    return null;
  }

  static ApiProblem noFile() {
    return ApiProblem.badParameter("file", "is required: the enumeration CSV, as a part named 'file'");
  }
}
