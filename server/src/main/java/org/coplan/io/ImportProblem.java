package org.coplan.io;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem an import found, as the preview and the CSV report list it.
 *
 * @param severity {@code error} (blocks the commit, unless {@code remedy} is used), {@code warning}
 *     (imported as it is; look at it) or {@code info} (what reading did, e.g. a conversion)
 * @param code stable code: {@code invalid-geometry}, {@code wrong-geometry-type}, {@code
 *     no-geometry}, {@code duplicate}, {@code outside-settlement}, {@code far-from-settlement},
 *     {@code missing-crs}, {@code crs-mismatch}, {@code attribute-value}, {@code missing-value},
 *     {@code unmapped-required}, {@code mapping}, {@code read}
 * @param row the feature's number in the file (1-based), null for the file as a whole
 * @param field the source field or target attribute concerned, or null
 * @param location where in the geometry (longitude, latitude, or the file's own coordinates)
 * @param remedy what lets an error be committed anyway: {@code repair} or {@code skipOutside}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportProblem(
    String severity, String code, Integer row, String field, String detail, double[] location, String remedy) {
  static ImportProblem error(String code, Integer row, String field, String detail) {
    return new ImportProblem("error", code, row, field, detail, null, null);
  }

  static ImportProblem warning(String code, Integer row, String field, String detail) {
    return new ImportProblem("warning", code, row, field, detail, null, null);
  }

  static ImportProblem info(String code, String detail) {
    return new ImportProblem("info", code, null, null, detail, null, null);
  }

  ImportProblem at(double[] where) {
    return new ImportProblem(severity, code, row, field, detail, where, remedy);
  }

  ImportProblem remedy(String how) {
    return new ImportProblem(severity, code, row, field, detail, location, how);
  }

  boolean isError() {
    return severity.equals("error");
  }
}
