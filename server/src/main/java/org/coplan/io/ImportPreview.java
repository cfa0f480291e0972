package org.coplan.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.coplan.http.JsonMapper;

/** The preview document of an import, and its problems as CSV. */
final class ImportPreview {
  /** At most this many problems are listed in the preview; the CSV report has all. */
  static final int LISTED = 500;

  private ImportPreview() {}

  static ObjectNode of(
      ImportRepository.Job job, ImportCheckOp.Result checked, ImportRepository.Proposed proposed, ImportProgress.Step step) {
    ObjectNode o = JsonMapper.MAPPER.createObjectNode();
    o.put("id", job.id().toString());
    o.put("state", job.state());
    o.put("settlement", job.settlementId());
    o.put("plan", job.planId());
    o.put("layer", job.layer());
    ObjectNode source = o.putObject("source");
    source.put("fileName", job.fileName());
    source.put("format", job.format());
    source.put("layer", job.sourceLayer());
    source.set("layers", job.sourceLayers());
    ObjectNode crs = o.putObject("crs");
    crs.put("declared", job.declaredCrs());
    crs.put("given", job.givenCrs());
    crs.put("needed", !job.inWgs84());
    o.put("featureCount", job.featureCount());
    o.set("geometryTypes", JsonMapper.MAPPER.valueToTree(checked.geometryTypes()));
    o.set("fields", JsonMapper.MAPPER.valueToTree(job.fields()));
    o.set("mapping", JsonMapper.MAPPER.valueToTree(job.mapping()));
    // what the mapping may name and the defaults may fill: the layer's attributes, for forms
    ArrayNode attributes = o.putArray("attributes");
    org.coplan.layers.Layer.byId(job.layer()).ifPresent(layer -> layer.attributes().forEach(a -> {
      ObjectNode n = attributes.addObject().put("name", a.name()).put("type", a.type().jsonSchema).put("required", a.required());
      n.set("allowed", JsonMapper.MAPPER.valueToTree(a.allowed()));
    }));
    o.set("defaults", JsonMapper.MAPPER.valueToTree(job.defaults()));
    long errors = checked.errors();
    long blocking = checked.problems().stream().filter(p -> p.isError() && p.remedy() == null).count();
    ObjectNode summary = o.putObject("summary");
    summary.put("errors", errors);
    summary.put("warnings", checked.warnings());
    summary.put("repairable", checked.problems().stream().filter(p -> "repair".equals(p.remedy())).count());
    summary.put("outside", checked.candidates().stream().filter(ImportCheckOp.Candidate::outside).count());
    summary.put("toCreate", checked.candidates().size());
    o.put("committable", job.state().equals("staged") && blocking == 0);
    o.set("problems", JsonMapper.MAPPER.valueToTree(checked.problems().stream().limit(LISTED).toList()));
    o.put("problemsListed", Math.min(LISTED, checked.problems().size()));
    o.put("problemsTotal", checked.problems().size());
    if (proposed != null) {
      ObjectNode s = o.putObject("proposedSettlement");
      s.set("boundary", GeometryNodes.of(proposed.boundary()));
      s.put("metricSrid", proposed.metricSrid());
    }
    ObjectNode p = o.putObject("progress");
    if (step != null) {
      o.put("committable", false);
      p.put("phase", step.phase()).put("done", step.done()).put("total", step.total()).put("fraction", step.fraction());
    } else {
      boolean done = !job.state().equals("staged");
      p.put("phase", job.state()).put("done", done ? 1 : 0).put("total", 1).put("fraction", done ? 1.0 : 0.0);
    }
    if (job.result() != null) {
      o.set("result", job.result());
    }
    return o;
  }

  static String csv(List<ImportProblem> problems) {
    StringBuilder b = new StringBuilder("severity,code,row,field,detail,x,y\r\n");
    for (ImportProblem p : problems) {
      b.append(p.severity()).append(',').append(p.code()).append(',')
          .append(p.row() == null ? "" : p.row()).append(',')
          .append(cell(p.field())).append(',').append(cell(p.detail())).append(',');
      if (p.location() != null) {
        b.append(String.format(Locale.ROOT, "%s,%s", p.location()[0], p.location()[1]));
      } else {
        b.append(',');
      }
      b.append("\r\n");
    }
    return b.toString();
  }

  /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
  static String cell(String s) {
    if (s == null) {
      return "";
    }
    String t = s;
    if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
      t = "'" + t;
    }
    if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")) {
      t = "\"" + t.replace("\"", "\"\"") + "\"";
    }
    return t;
  }
}
