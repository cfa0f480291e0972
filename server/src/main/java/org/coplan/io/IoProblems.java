package org.coplan.io;

import java.util.List;
import org.coplan.http.ApiProblem;

/** The problems of imports and exports, each with its stable slug (see docs/import-export.md). */
final class IoProblems {
  private IoProblems() {}

  /** 422: GDAL cannot read the file at all (empty, truncated, not the format its name says). */
  static ApiProblem unreadable(String detail) {
    return new ApiProblem(422, "file-unreadable", "File cannot be read", detail, List.of());
  }

  /** 422: an archive that could harm the server (zip bomb, path traversal, links) or is not one. */
  static ApiProblem unsafeArchive(String detail) {
    return new ApiProblem(422, "unsafe-archive", "Archive refused", detail, List.of());
  }

  /** 409: the import cannot be committed as it is; the preview's problems say why. */
  static ApiProblem notCommittable(String detail, List<ApiProblem.Fault> faults) {
    return new ApiProblem(409, "import-not-committable", "Import cannot be committed", detail, faults);
  }
}
