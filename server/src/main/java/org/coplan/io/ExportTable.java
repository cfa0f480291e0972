package org.coplan.io;

/**
 * A table another feature adds to exports as CSV, such as the relocation impacts and conflicts of
 * a plan (the analysis feature): {@code GET .../export?format=csv&layers=impacts}. Registered in
 * {@code CoplanServer}; none is registered yet.
 */
public interface ExportTable {
  /** The name used in {@code layers=}, e.g. {@code impacts}. */
  String id();

  /** The table of the plan as CSV (RFC 4180, header line first). */
  String csv(String settlementId, String planId);
}
