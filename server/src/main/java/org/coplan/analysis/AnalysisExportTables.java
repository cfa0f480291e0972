package org.coplan.analysis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import org.coplan.db.Jdbc;
import org.coplan.io.ExportTable;

/**
 * The analysis's tables in exports ({@code GET .../export?format=csv&layers=impacts,conflicts},
 * {@code ./coplan export --format csv --layers impacts,conflicts}): the plan's impact as the CSV
 * of {@code GET .../impact?f=csv}, and its stored conflicts, one row each with the features
 * involved and the geometry as WKT in CRS84. Either runs the plan's analysis first if nobody has
 * looked at it yet.
 */
public final class AnalysisExportTables {
  private static final String CONFLICTS =
      "SELECT fid, type, severity, check_no, primary_id::text,"
          + " (SELECT string_agg((f ->> 'layer') || ':' || (f ->> 'id'), ';') FROM jsonb_array_elements(c.features) f),"
          + " measured, norm, unit, sentence, ST_AsText(geom)"
          + " FROM conflict c WHERE settlement_id = ? AND plan_id = ? ORDER BY fid";

  private AnalysisExportTables() {}

  public static List<ExportTable> of(AnalysisService analysis, Jdbc jdbc) {
    return List.of(table("impacts", (sid, pid) -> analysis.impact(sid, pid).csv()), table("conflicts", (sid, pid) -> {
      // analysed (and its conflicts stored) before they are read
      analysis.status(sid, pid);
      return jdbc.read(c -> {
        StringBuilder out = new StringBuilder("fid,type,severity,check,primary_id,features,measured,norm,unit,sentence,wkt\r\n");
        try (PreparedStatement ps = c.prepareStatement(CONFLICTS)) {
          ps.setString(1, sid);
          ps.setString(2, pid);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.append(rs.getLong(1)).append(',').append(ExportTable.cell(rs.getString(2))).append(',')
                  .append(ExportTable.cell(rs.getString(3))).append(',').append(rs.getInt(4)).append(',')
                  .append(rs.getString(5)).append(',').append(ExportTable.cell(rs.getString(6))).append(',')
                  .append(number(rs, 7)).append(',').append(number(rs, 8)).append(',')
                  .append(ExportTable.cell(rs.getString(9))).append(',').append(ExportTable.cell(rs.getString(10))).append(',')
                  .append(ExportTable.cell(rs.getString(11))).append("\r\n");
            }
          }
        }
        return out.toString();
      });
    }));
  }

  private static String number(ResultSet rs, int column) throws java.sql.SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? "" : String.format(Locale.ROOT, "%s", v);
  }

  private interface Csv {
    String of(String settlementId, String planId);
  }

  private static ExportTable table(String id, Csv csv) {
    return new ExportTable() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String csv(String settlementId, String planId) {
        return csv.of(settlementId, planId);
      }
    };
  }
}
