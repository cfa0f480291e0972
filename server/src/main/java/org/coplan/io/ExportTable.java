package org.coplan.io;

/**
 * A table another feature adds to exports as CSV, such as the relocation impacts and conflicts of
 * a plan (the analysis feature): {@code GET .../export?format=csv&layers=impacts}. Registered in
 * {@code CoplanServer} ({@code analysis.AnalysisExportTables}: {@code impacts}, {@code conflicts}).
 */
public interface ExportTable {
  /** The name used in {@code layers=}, e.g. {@code impacts}. */
  String id();

  /** The table of the plan as CSV (RFC 4180, header line first). */
  String csv(String settlementId, String planId);

  /**
   * One CSV cell: RFC 4180 quoting, and a leading {@code = + - @} prefixed with {@code '} so that
   * spreadsheets do not run text from the data as a formula.
   */
  static String cell(String text) {
    return ImportPreview.cell(text);
  }
}
