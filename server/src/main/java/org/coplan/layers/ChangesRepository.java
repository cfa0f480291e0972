package org.coplan.layers;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coplan.db.Jdbc;

/**
 * A proposal's change set against the baseline, computed in the database from the proposal's own
 * rows joined to the baseline rows with the same id: a row with no live baseline counterpart was
 * added; a deleted row over a live baseline feature removes it; any other row modifies its
 * baseline feature, unless geometry and every attribute are still equal (a change undone), which
 * is no change. A feature added and then deleted inside the proposal is no change either.
 */
final class ChangesRepository {
  /** One layer's changes; {@code before} and {@code after} list the modified features in the same order. */
  record LayerChanges(List<Feature> added, List<Feature> before, List<Feature> after, List<Feature> removed) {}

  private final Jdbc jdbc;
  private final Map<Layer, String> statements = new EnumMap<>(Layer.class);

  ChangesRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
    for (Layer layer : Layer.values()) {
      statements.put(layer, sql(layer));
    }
  }

  private static String sql(Layer layer) {
    String attributes = layer.attributes().stream().map(Attribute::column).collect(Collectors.joining(", "));
    String own = "(" + prefixed("o", attributes) + ")";
    String base = "(" + prefixed("b", attributes) + ")";
    String liveBase = "b.id IS NOT NULL AND NOT b.deleted";
    return "SELECT CASE WHEN NOT (" + liveBase + ") THEN 'added' WHEN o.deleted THEN 'removed' ELSE 'modified' END,"
        + " " + FeatureColumns.stored(layer, "o") + ", " + FeatureColumns.stored(layer, "b")
        + " FROM " + layer.table() + " o LEFT JOIN " + layer.table() + " b"
        + " ON b.settlement_id = o.settlement_id AND b.plan_id = 'baseline' AND b.id = o.id"
        + " WHERE o.settlement_id = ? AND o.plan_id = ? AND o.plan_id <> 'baseline'"
        + " AND NOT (o.deleted AND NOT (" + liveBase + "))"
        + " AND NOT (NOT o.deleted AND " + liveBase + " AND ST_OrderingEquals(o.geom, b.geom)"
        + " AND " + own + " IS NOT DISTINCT FROM " + base + ")"
        + " ORDER BY o.fid";
  }

  private static String prefixed(String alias, String columns) {
    return alias + "." + columns.replace(", ", ", " + alias + ".");
  }

  Map<Layer, LayerChanges> changes(String settlementId, String planId) {
    return jdbc.readSnapshot(
        c -> {
          Map<Layer, LayerChanges> out = new EnumMap<>(Layer.class);
          for (Layer layer : Layer.values()) {
            LayerChanges changes = new LayerChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            try (PreparedStatement ps = c.prepareStatement(statements.get(layer))) {
              ps.setString(1, settlementId);
              ps.setString(2, planId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  Feature own = FeatureColumns.read(rs, layer, 2);
                  switch (rs.getString(1)) {
                    case "added" -> changes.added().add(own);
                    case "removed" -> changes.removed().add(FeatureColumns.read(rs, layer, 2 + FeatureColumns.width(layer)));
                    default -> {
                      changes.before().add(FeatureColumns.read(rs, layer, 2 + FeatureColumns.width(layer)));
                      changes.after().add(own);
                    }
                  }
                }
              }
            }
            out.put(layer, changes);
          }
          return out;
        });
  }
}
