package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.ApiProblem.Fault;
import org.coplan.http.Change;
import org.coplan.http.JsonMapper;
import org.coplan.layers.FeatureEditService;
import org.coplan.layers.Layer;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementEditService;
import org.coplan.settlements.SettlementRepository;
import org.coplan.settlements.SettlementService;
import org.locationtech.jts.geom.Geometry;

/**
 * Staged imports: an upload is read once (GDAL, under guard) into staged rows and previewed with
 * every problem ({@link ImportCheckOp}); the client may then give a CRS, change the mapping and
 * defaults (the preview is made again), and commit: every feature or none, in one transaction,
 * through the editing path of the API ({@link FeatureEditService#createAll}), so the same checks
 * apply and the history records each feature. An import may create its settlement in that same
 * transaction (boundary from the data, metric CRS its UTM zone).
 */
public final class ImportService {
  /** What the client sent with the file. */
  record Upload(
      InputStream file, String fileName, String layer, String sourceLayer, String crs, Map<String, String> mapping,
      Map<String, JsonNode> defaults) {}

  /** How to commit. */
  record Commit(boolean repair, boolean skipOutside, String newSettlementName, JsonNode newBoundary) {}

  private static final Pattern EPSG = Pattern.compile("^(?:EPSG:)?(\\d{4,6})$", Pattern.CASE_INSENSITIVE);

  private final Jdbc jdbc;
  private final SettlementService settlements;
  private final SettlementEditService settlementEdits;
  private final FeatureEditService featureEdits;
  private final GdalRunner gdal;
  private final SourceReader reader;
  private final ImportRepository repository = new ImportRepository();
  private final ImportProgress progress;

  public ImportService(
      Jdbc jdbc, SettlementService settlements, SettlementEditService settlementEdits, FeatureEditService featureEdits,
      GdalRunner gdal) {
    this.jdbc = jdbc;
    this.settlements = settlements;
    this.settlementEdits = settlementEdits;
    this.featureEdits = featureEdits;
    this.gdal = gdal;
    this.reader = new SourceReader(gdal, ZipGuard.defaults());
    this.progress = new ImportProgress(jdbc);
  }

  /** Reads the upload into a staged import and answers its preview. */
  ObjectNode stage(String sid, String pid, Upload u, String author) {
    Layer layer = layer(u.layer());
    if (sid != null) {
      settlements.requirePlan(sid, pid);
    }
    Integer givenSrid = u.crs() == null || u.crs().isBlank() ? null : parseCrs(u.crs(), "crs");
    UUID id = UUID.randomUUID();
    try (GdalRunner.Workspace ws = gdal.workspace()) {
      Path upload = ws.file("upload.bin");
      Files.copy(u.file(), upload);
      SourceReader.Dataset dataset = reader.open(ws, upload, u.fileName());
      SourceReader.SourceLayer source = chooseLayer(dataset, u.sourceLayer(), layer);
      List<ImportProblem> notes = new ArrayList<>();
      dataset.notes().forEach(n -> notes.add(ImportProblem.info("read", n)));
      Optional<String> contradiction = source.crsContradiction();
      boolean toWgs84 = givenSrid != null || (source.hasCrs() && contradiction.isEmpty());
      if (givenSrid == null) {
        contradiction.ifPresent(c -> notes.add(ImportProblem.error("crs-mismatch", null, null, c)));
      }
      List<SourceReader.Row> rows = new ArrayList<>();
      reader.read(
          ws, dataset, source, toWgs84, givenSrid == null ? null : "EPSG:" + givenSrid,
          new SourceReader.RowSink() {
            @Override
            public void row(SourceReader.Row row) {
              rows.add(row);
            }

            @Override
            public void note(String note) {
              notes.add(ImportProblem.info("read", note));
            }
          });
      List<String> fields = source.fields().stream().map(SourceReader.Field::name).toList();
      Map<String, String> mapping = new LinkedHashMap<>(AttributeMapping.suggest(fields, layer));
      if (u.mapping() != null) {
        // the client's choices win over the suggestion; a target named twice keeps the client's source
        u.mapping().forEach((source1, target) -> mapping.values().removeIf(v -> v.equals(target)));
        u.mapping().forEach((source1, target) -> mapping.remove(source1));
        u.mapping().forEach((source1, target) -> {
          if (target != null && !target.isBlank()) {
            mapping.put(source1, target);
          }
        });
      }
      ArrayNode layers = JsonMapper.MAPPER.createArrayNode();
      for (SourceReader.SourceLayer l : dataset.layers()) {
        layers.addObject().put("name", l.label()).put("geometryType", l.geometryType()).put("featureCount", l.featureCount());
      }
      String declared = source.hasCrs() ? source.crsName() + (source.epsg() == null ? "" : " (EPSG:" + source.epsg() + ")") : null;
      ImportRepository.Job job =
          new ImportRepository.Job(
              id, sid, pid, layer.id(), safeName(u.fileName()), dataset.format(), source.label(), layers, declared,
              givenSrid == null ? null : "EPSG:" + givenSrid, toWgs84, !toWgs84, fields, mapping,
              u.defaults() == null ? Map.of() : u.defaults(), notes, rows.size(), "staged", null, author);
      jdbc.inTransaction(
          c -> {
            repository.expire(c);
            repository.insert(c, job);
            repository.insertRows(c, id, rows, toWgs84);
            return null;
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return preview(id, sid, pid);
  }

  /** The preview of a staged (or the record of a committed) import. */
  ObjectNode preview(UUID id, String sid, String pid) {
    ImportRepository.Job job = require(id, sid, pid);
    ImportProgress.Step step = progress.get(id);
    if (step != null) {
      // a commit is running: answer its progress at once (a progress bar polls this), not a new check
      return ImportPreview.of(job, new ImportCheckOp.Result(List.of(), List.of(), Map.of()), null, step);
    }
    Checked checked = check(job);
    return ImportPreview.of(job, checked.result(), checked.proposed(), progress.get(id));
  }

  /** A new CRS (for rows staged as read), mapping or defaults; answers the new preview. */
  ObjectNode update(UUID id, String sid, String pid, JsonNode body) {
    ImportRepository.Job job = requireStaged(require(id, sid, pid));
    jdbc.inTransaction(
        c -> {
          JsonNode crs = body.get("crs");
          if (crs != null && !crs.isNull()) {
            if (!job.crsSettable()) {
              throw ApiProblem.conflict(
                  "the rows were read with the CRS " + (job.givenCrs() != null ? job.givenCrs() : job.declaredCrs())
                      + " already; to read them with another, upload the file again with crs=");
            }
            int srid = parseCrs(crs.asText(), "crs");
            repository.transformRows(c, id, srid, "EPSG:" + srid);
          }
          Map<String, String> mapping = job.mapping();
          if (body.has("mapping")) {
            mapping = new LinkedHashMap<>();
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) body.get("mapping")::fields) {
              if (!e.getValue().isNull()) {
                mapping.put(e.getKey(), e.getValue().asText());
              }
            }
          }
          Map<String, JsonNode> defaults = job.defaults();
          if (body.has("defaults")) {
            defaults = new LinkedHashMap<>();
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) body.get("defaults")::fields) {
              if (!e.getValue().isNull()) {
                defaults.put(e.getKey(), e.getValue());
              }
            }
          }
          repository.update(c, id, mapping, defaults);
          return null;
        });
    return preview(id, sid, pid);
  }

  /** Every problem as CSV. */
  String report(UUID id, String sid, String pid) {
    ImportRepository.Job job = require(id, sid, pid);
    return ImportPreview.csv(check(job).result().problems());
  }

  void discard(UUID id, String sid, String pid) {
    ImportRepository.Job job = requireStaged(require(id, sid, pid));
    jdbc.inTransaction(
        c -> {
          repository.finish(c, job.id(), "discarded", null, null, null);
          return null;
        });
  }

  /** Commits every candidate or none; answers the job with its result. */
  ObjectNode commit(UUID id, String sid, String pid, Commit how, Change change) {
    ImportRepository.Job job = requireStaged(require(id, sid, pid));
    boolean create = job.settlementId() == null;
    if (create && (how.newSettlementName() == null || how.newSettlementName().isBlank())) {
      throw ApiProblem.invalidContent(
          "this import creates its settlement: name it",
          List.of(Fault.pointer("/createSettlement/name", "is required")));
    }
    Checked checked = check(job);
    List<ImportProblem> blocking =
        checked.result().problems().stream()
            .filter(ImportProblem::isError)
            .filter(p -> !("repair".equals(p.remedy()) && how.repair()) && !("skipOutside".equals(p.remedy()) && how.skipOutside()))
            .toList();
    if (!blocking.isEmpty()) {
      List<Fault> faults =
          blocking.stream().limit(100)
              .map(p -> Fault.at(p.row() == null ? "" : "/rows/" + p.row(), p.code() + ": " + p.detail(), p.location()))
              .toList();
      throw IoProblems.notCommittable(
          blocking.size() + " problem(s) stop the commit; nothing was stored. The first: "
              + (blocking.get(0).row() == null ? "" : "row " + blocking.get(0).row() + ": ") + blocking.get(0).detail(),
          faults);
    }
    List<ImportCheckOp.Candidate> chosen =
        checked.result().candidates().stream().filter(c -> !(how.skipOutside() && c.outside())).toList();
    List<Integer> skipped =
        checked.result().candidates().stream().filter(c -> how.skipOutside() && c.outside()).map(ImportCheckOp.Candidate::row).toList();
    List<FeatureEditService.BatchFeature> features = new ArrayList<>();
    for (ImportCheckOp.Candidate c : chosen) {
      ObjectNode f = JsonMapper.MAPPER.createObjectNode();
      f.put("type", "Feature");
      f.set("geometry", GeometryNodes.of(c.geometry()));
      f.set("properties", JsonMapper.MAPPER.valueToTree(c.values()));
      features.add(new FeatureEditService.BatchFeature("/rows/" + c.row(), f));
    }
    Layer layer = layer(job.layer());
    String reason = change.reason() != null ? change.reason() : "import of " + job.fileName() + " (" + features.size() + " features)";
    Change stamped = new Change(change.author(), reason);
    if (!create) {
      progress.announceTo(id, job.settlementId(), job.planId());
    }
    progress.set(id, "checking", 0, features.size());
    try {
      jdbc.inTransaction(
          c -> {
            if (!repository.lockStaged(c, id)) {
              throw ApiProblem.conflict("import " + id + " is being committed or was committed or discarded already");
            }
            Settlement settlement;
            Plan plan;
            if (create) {
              ObjectNode body = JsonMapper.MAPPER.createObjectNode();
              body.put("name", how.newSettlementName());
              body.set("boundary", how.newBoundary() != null ? how.newBoundary() : GeometryNodes.of(checked.proposed().boundary()));
              body.put("reason", reason);
              String newId = settlementEdits.create(c, body, stamped);
              settlement = SettlementRepository.find(c, newId).orElseThrow();
              plan = new Plan(newId, Plan.BASELINE, null, null, "baseline", null, null, null);
            } else {
              settlement = settlements.require(job.settlementId());
              plan = settlements.requirePlan(job.settlementId(), job.planId());
            }
            List<FeatureEditService.Created> created =
                featureEdits.createAll(
                    c, settlement, plan, layer, features, how.repair(), stamped,
                    n -> progress.set(id, "writing", n, features.size()));
            ObjectNode result = JsonMapper.MAPPER.createObjectNode();
            result.put("settlement", settlement.id());
            result.put("plan", plan.id());
            result.put("created", created.size());
            result.set("skippedRows", JsonMapper.MAPPER.valueToTree(skipped));
            ArrayNode repairs = result.putArray("repairs");
            for (FeatureEditService.Created f : created) {
              for (Fault r : f.repairs()) {
                ObjectNode o = repairs.addObject();
                o.put("row", Integer.parseInt(r.pointer().replaceAll("^/rows/(\\d+).*$", "$1")));
                o.put("id", f.id().toString());
                o.put("detail", r.detail());
              }
            }
            repository.finish(c, id, "committed", settlement.id(), plan.id(), result);
            return result;
          });
    } finally {
      progress.end(id);
    }
    return preview(id, null, null);
  }

  private record Checked(ImportCheckOp.Result result, ImportRepository.Proposed proposed) {}

  private Checked check(ImportRepository.Job job) {
    if (!job.state().equals("staged")) {
      // a committed or discarded import has no rows left: its record is its result
      return new Checked(new ImportCheckOp.Result(List.of(), List.of(), Map.of()), null);
    }
    return jdbc.read(
        c -> {
          List<SourceReader.Row> rows = repository.rows(c, job.id());
          Geometry boundary = null;
          ImportRepository.Proposed proposed = null;
          if (job.settlementId() != null) {
            boundary = settlements.require(job.settlementId()).boundary();
          } else if (job.inWgs84() && !rows.isEmpty()) {
            proposed = repository.proposedBoundary(c, job.id()).orElse(null);
          }
          ImportCheckOp.Result result =
              ImportCheckOp.check(
                  rows,
                  new ImportCheckOp.Target(layer(job.layer()), job.mapping(), job.defaults(), job.fields(), boundary, job.inWgs84()));
          List<ImportProblem> all = new ArrayList<>();
          // a CRS given since reading settles what the file declared wrongly
          job.readNotes().stream().filter(p -> !(job.inWgs84() && p.code().equals("crs-mismatch"))).forEach(all::add);
          if (!job.inWgs84() && job.readNotes().stream().noneMatch(p -> p.code().equals("crs-mismatch"))) {
            all.add(ImportProblem.error("missing-crs", null, null, "the file declares no CRS: give it (crs=EPSG:…); " + CrsGuess.of(rows)));
          }
          all.addAll(result.problems());
          return new Checked(new ImportCheckOp.Result(result.candidates(), all, result.geometryTypes()), proposed);
        });
  }

  private ImportRepository.Job require(UUID id, String sid, String pid) {
    ImportRepository.Job job =
        jdbc.read(c -> repository.find(c, id)).orElseThrow(() -> ApiProblem.notFound("no import '" + id + "'"));
    boolean here = sid == null || sid.equals(job.settlementId()) && pid.equals(job.planId());
    if (!here) {
      throw ApiProblem.notFound("no import '" + id + "'" + (sid == null ? "" : " in plan '" + pid + "' of settlement '" + sid + "'"));
    }
    return job;
  }

  private static ImportRepository.Job requireStaged(ImportRepository.Job job) {
    if (!job.state().equals("staged")) {
      throw ApiProblem.conflict("import " + job.id() + " is " + job.state() + "; upload the file again for a new import");
    }
    return job;
  }

  static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("no import '" + id + "'");
    }
  }

  private static Layer layer(String id) {
    if (id == null || id.isBlank()) {
      throw ApiProblem.badParameter("layer", "is required: one of " + layerIds());
    }
    return Layer.byId(id).orElseThrow(() -> ApiProblem.badParameter("layer", "must be one of " + layerIds() + "; got '" + id + "'"));
  }

  private static List<String> layerIds() {
    return java.util.Arrays.stream(Layer.values()).map(Layer::id).toList();
  }

  private int parseCrs(String crs, String parameter) {
    Matcher m = EPSG.matcher(crs.strip());
    if (!m.matches()) {
      throw ApiProblem.badParameter(parameter, "must be an EPSG code such as EPSG:4326 or EPSG:32737; got '" + crs + "'");
    }
    int srid = Integer.parseInt(m.group(1));
    if (!jdbc.read(c -> repository.knownSrid(c, srid))) {
      throw ApiProblem.badParameter(parameter, "EPSG:" + srid + " is not a CRS PostGIS knows");
    }
    return srid;
  }

  private static SourceReader.SourceLayer chooseLayer(SourceReader.Dataset dataset, String wanted, Layer layer) {
    List<SourceReader.SourceLayer> layers = dataset.layers();
    if (wanted != null && !wanted.isBlank()) {
      return layers.stream()
          .filter(l -> l.label().equals(wanted) || l.name().equals(wanted))
          .findFirst()
          .orElseThrow(() -> ApiProblem.badParameter("sourceLayer", "the file has no layer '" + wanted + "'; it has " + layers.stream().map(SourceReader.SourceLayer::label).toList()));
    }
    if (layers.size() == 1) {
      return layers.get(0);
    }
    return layers.stream()
        .filter(l -> l.label().equalsIgnoreCase(layer.id()))
        .findFirst()
        .orElseThrow(
            () -> ApiProblem.badParameter(
                "sourceLayer", "the file has several layers; say which to import: " + layers.stream().map(SourceReader.SourceLayer::label).toList()));
  }

  /** The client's file name for display: its last path segment, printable, at most 200 characters. */
  private static String safeName(String name) {
    if (name == null || name.isBlank()) {
      return "upload";
    }
    String last = name.replace('\\', '/');
    last = last.substring(last.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
    return last.length() > 200 ? last.substring(0, 200) : last.isEmpty() ? "upload" : last;
  }
}
