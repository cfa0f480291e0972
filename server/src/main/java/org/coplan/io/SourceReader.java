package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.http.GeoJsonGeometryReader;
import org.coplan.http.JsonMapper;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads an uploaded file with GDAL: finds the dataset (unpacking a ZIP through {@link ZipGuard}),
 * describes its layers ({@code ogrinfo -so}: driver, geometry type, count, extent, CRS, fields)
 * and streams one layer's features as GeoJSON ({@code ogr2ogr -f GeoJSONSeq} into the job's
 * private directory, at full precision, in EPSG:4326 when the CRS is known and believable, else
 * as read). All paths are the job's own; the client's file name only hints at the format.
 */
final class SourceReader {
  /** One layer of the dataset as ogrinfo describes it. */
  record SourceLayer(
      String name, String label, String geometryType, long featureCount, double[] extent, String crsName, Integer epsg,
      boolean geographic, List<Field> fields) {
    boolean hasCrs() {
      return crsName != null;
    }

    /** Whether the extent contradicts the declared CRS: degrees declared, metres found, or the reverse. */
    Optional<String> crsContradiction() {
      if (crsName == null || extent == null) {
        return Optional.empty();
      }
      boolean degreesLike =
          Math.abs(extent[0]) <= 180 && Math.abs(extent[2]) <= 180 && Math.abs(extent[1]) <= 90 && Math.abs(extent[3]) <= 90;
      String at = "(" + extent[0] + ", " + extent[1] + ")";
      if (geographic && !degreesLike) {
        return Optional.of(
            "the file declares " + crsName + " (degrees) but coordinates such as " + at
                + " are not degrees; they look like metres of a projected CRS (UTM?): give the right CRS");
      }
      if (!geographic && degreesLike) {
        return Optional.of(
            "the file declares " + crsName + " (a projected CRS) but its coordinates such as " + at
                + " look like longitude/latitude degrees: give the right CRS (EPSG:4326?)");
      }
      return Optional.empty();
    }
  }

  record Field(String name, String type) {}

  /** The dataset found in the upload: the path GDAL opens, its driver and layers. */
  record Dataset(Path path, String format, List<SourceLayer> layers, List<String> notes) {}

  /** A layer's name as the client knows it: the Shapefile's name in the archive, not coplan's f1. */
  static String label(SourceLayer layer, Map<String, String> aliases) {
    return aliases.getOrDefault(layer.name(), layer.name());
  }

  /** One feature as read: its geometry (null when it has none) and its properties. */
  record Row(int number, Geometry geometry, ObjectNode properties) {}

  /** The GDAL drivers an upload may be read with; anything else is refused. */
  private static final List<String> DRIVERS = List.of("ESRI Shapefile", "GPKG", "GeoJSON", "GeoJSONSeq", "KML", "LIBKML", "CSV");

  private static final List<String> DATASET_EXTENSIONS = List.of("shp", "gpkg", "geojson", "json", "kml", "csv");
  private static final Pattern LAYER = Pattern.compile("^Layer name: (.*)$");
  private static final Pattern EXTENT = Pattern.compile("^Extent: \\(([-\\d.e+]+), ([-\\d.e+]+)\\) - \\(([-\\d.e+]+), ([-\\d.e+]+)\\)$");
  private static final Pattern FIELD = Pattern.compile("^(.+): ([A-Za-z0-9()]+) \\(\\d+\\.\\d+\\)$");
  private static final Pattern EPSG = Pattern.compile("ID\\[\"EPSG\",(\\d+)]");
  private static final Pattern DRIVER = Pattern.compile("using driver `([^']+)' successful");
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final GdalRunner gdal;
  private final ZipGuard zips;

  SourceReader(GdalRunner gdal, ZipGuard zips) {
    this.gdal = gdal;
    this.zips = zips;
  }

  /**
   * Finds and describes the dataset in {@code upload} (a file in the workspace).
   *
   * @param clientName the file name the client gave, for its extension only
   */
  Dataset open(GdalRunner.Workspace ws, Path upload, String clientName) throws IOException {
    if (Files.size(upload) == 0) {
      throw IoProblems.unreadable("the file is empty");
    }
    List<String> notes = new ArrayList<>();
    Map<String, String> aliases = new java.util.HashMap<>();
    Path dataset;
    if (ZipGuard.isZip(upload)) {
      Path dir = Files.createDirectory(ws.file("unpacked"));
      List<ZipGuard.Entry> entries = zips.extract(upload, dir);
      List<ZipGuard.Entry> datasets =
          entries.stream().filter(e -> DATASET_EXTENSIONS.contains(extension(e.path().getFileName().toString()))).toList();
      if (datasets.isEmpty()) {
        throw IoProblems.unreadable(
            "the archive holds no Shapefile (.shp with .shx and .dbf), GeoPackage, GeoJSON, KML or CSV file");
      }
      if (datasets.size() > 1) {
        // several datasets (e.g. one Shapefile per layer): GDAL opens the folder as one dataset
        // when they are all Shapefiles; otherwise the first is taken, and the note says so
        boolean allShp = datasets.stream().allMatch(e -> e.path().toString().endsWith(".shp"));
        dataset = allShp ? dir : datasets.get(0).path();
        if (!allShp) {
          notes.add("the archive holds several datasets; read '" + datasets.get(0).archiveName() + "' only");
        }
      } else {
        dataset = datasets.get(0).path();
      }
      // layers are named after coplan's file names (f1): show the archive's names instead
      for (ZipGuard.Entry e : datasets) {
        if (e.path().toString().endsWith(".shp")) {
          String local = e.path().getFileName().toString().replaceAll("\\.shp$", "");
          String archive = e.archiveName().substring(e.archiveName().lastIndexOf('/') + 1).replaceAll("(?i)\\.shp$", "");
          aliases.put(local, archive);
        }
      }
    } else {
      String ext = extension(clientName == null ? "" : clientName);
      if (!DATASET_EXTENSIONS.contains(ext) || ext.equals("shp")) {
        ext = sniff(upload);
      }
      dataset = ws.file("upload." + ext);
      Files.move(upload, dataset, StandardCopyOption.REPLACE_EXISTING);
    }
    if (dataset.toString().endsWith(".csv") && CsvText.normaliseLineEndings(dataset)) {
      notes.add("the CSV file ends its lines with CR only (classic Mac); read as ordinary lines");
    }
    Dataset d = describe(ws, dataset, notes);
    if (aliases.isEmpty()) {
      return d;
    }
    List<SourceLayer> named = new ArrayList<>();
    for (SourceLayer l : d.layers()) {
      named.add(new SourceLayer(l.name(), aliases.getOrDefault(l.name(), l.name()), l.geometryType(), l.featureCount(), l.extent(), l.crsName(), l.epsg(), l.geographic(), l.fields()));
    }
    return new Dataset(d.path(), d.format(), named, d.notes());
  }

  private Dataset describe(GdalRunner.Workspace ws, Path dataset, List<String> notes) {
    List<String> args = new ArrayList<>(List.of("-ro", "-so", "-al", "-nomd"));
    args.addAll(openOptions(dataset));
    args.add(dataset.toString());
    GdalRunner.Result r = gdal.run(GdalRunner.Program.OGRINFO, args, ws.dir());
    if (r.exitCode() != 0) {
      throw IoProblems.unreadable("GDAL cannot open the file: " + gdalMessage(r.stderr()));
    }
    Matcher driver = DRIVER.matcher(r.stdout());
    String format = driver.find() ? driver.group(1) : "unknown";
    if (!DRIVERS.contains(format)) {
      throw IoProblems.unreadable(
          "the file was recognised as '" + format + "', which coplan does not import: send a zipped Shapefile, GeoPackage, GeoJSON, KML or CSV");
    }
    List<SourceLayer> layers = parseLayers(r.stdout());
    for (SourceLayer l : layers) {
      // a layer name is an argument of ogr2ogr: one that looks like an option is never passed on
      if (l.name().startsWith("-") || l.name().chars().anyMatch(Character::isISOControl)) {
        throw IoProblems.unreadable("the file has a layer named '" + l.name().replaceAll("\\p{Cntrl}", "?") + "', which coplan does not read; rename it");
      }
    }
    if (layers.isEmpty()) {
      throw IoProblems.unreadable("the file holds no layer that GDAL can read" + (r.stderr().isEmpty() ? "" : ": " + gdalMessage(r.stderr())));
    }
    if (!r.stderr().isEmpty()) {
      notes.add("GDAL: " + gdalMessage(r.stderr()));
    }
    return new Dataset(dataset, format, layers, notes);
  }

  static List<SourceLayer> parseLayers(String info) {
    List<SourceLayer> layers = new ArrayList<>();
    String[] lines = info.split("\n");
    int i = 0;
    while (i < lines.length) {
      Matcher m = LAYER.matcher(lines[i]);
      if (!m.matches()) {
        i++;
        continue;
      }
      String name = m.group(1).strip();
      String geometry = "Unknown";
      long count = -1;
      double[] extent = null;
      String crsName = null;
      Integer epsg = null;
      boolean geographic = false;
      List<Field> fields = new ArrayList<>();
      i++;
      while (i < lines.length && !LAYER.matcher(lines[i]).matches()) {
        String line = lines[i];
        if (line.startsWith("Geometry: ")) {
          geometry = line.substring(10).strip();
        } else if (line.startsWith("Feature Count: ")) {
          count = Long.parseLong(line.substring(15).strip());
        } else if (EXTENT.matcher(line).matches()) {
          Matcher e = EXTENT.matcher(line);
          e.matches();
          extent = new double[] {
            Double.parseDouble(e.group(1)), Double.parseDouble(e.group(2)), Double.parseDouble(e.group(3)),
            Double.parseDouble(e.group(4))
          };
        } else if (line.startsWith("Layer SRS WKT:")) {
          StringBuilder wkt = new StringBuilder();
          i++;
          while (i < lines.length && (lines[i].startsWith(" ") || wkt.length() == 0)) {
            wkt.append(lines[i].strip());
            if (lines[i].equals("(unknown)")) {
              break;
            }
            i++;
            if (i < lines.length && !lines[i].startsWith(" ")) {
              break;
            }
          }
          String text = wkt.toString();
          if (!text.equals("(unknown)") && !text.isEmpty()) {
            int q = text.indexOf('"');
            crsName = q < 0 ? "unnamed CRS" : text.substring(q + 1, text.indexOf('"', q + 1));
            geographic = text.startsWith("GEOGCRS") || text.startsWith("GEOGCS");
            Matcher id = EPSG.matcher(text);
            while (id.find()) {
              epsg = Integer.parseInt(id.group(1));
            }
          }
          continue;
        } else if (!line.startsWith("Data axis") && !line.startsWith("FID Column") && !line.startsWith("Geometry Column")) {
          Matcher f = FIELD.matcher(line);
          if (f.matches()) {
            fields.add(new Field(f.group(1), f.group(2)));
          }
        }
        i++;
      }
      layers.add(new SourceLayer(name, name, geometry, count, extent, crsName, epsg, geographic, List.copyOf(fields)));
    }
    return layers;
  }

  /**
   * Writes the layer's features as GeoJSON lines and hands them to {@code sink} one by one.
   *
   * @param toWgs84 transform to EPSG:4326 (from {@code sourceCrs} when given, else from what the
   *     file declares); false: coordinates as read
   */
  void read(GdalRunner.Workspace ws, Dataset dataset, SourceLayer layer, boolean toWgs84, String sourceCrs, RowSink sink)
      throws IOException {
    Path out = ws.file("rows.geojsonl");
    Files.deleteIfExists(out);
    List<String> args = new ArrayList<>(List.of("-f", "GeoJSONSeq", "-lco", "COORDINATE_PRECISION=15", "-skipfailures"));
    if (toWgs84) {
      if (sourceCrs != null) {
        args.addAll(List.of("-s_srs", sourceCrs));
      }
      args.addAll(List.of("-t_srs", "EPSG:4326"));
    } else {
      // assigning EPSG:4326 stops the writer from transforming: the numbers stay as they are
      args.addAll(List.of("-a_srs", "EPSG:4326"));
    }
    args.addAll(openOptions(dataset.path()));
    args.add(out.toString());
    args.add(dataset.path().toString());
    args.add(layer.name());
    GdalRunner.Result r = gdal.run(GdalRunner.Program.OGR2OGR, args, ws.dir());
    if (r.exitCode() != 0 || !Files.exists(out)) {
      throw IoProblems.unreadable("GDAL cannot read the features: " + gdalMessage(r.stderr()));
    }
    if (!r.stderr().isEmpty()) {
      sink.note("GDAL: " + gdalMessage(r.stderr()));
    }
    try (BufferedReader lines = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode f = JsonMapper.MAPPER.readTree(line.charAt(0) == 0x1e ? line.substring(1) : line);
        n++;
        JsonNode g = f.get("geometry");
        Geometry geometry =
            g == null || g.isNull() ? null : GeoJsonGeometryReader.read(g, "/geometry", WGS84).geometry();
        JsonNode p = f.get("properties");
        ObjectNode properties = p instanceof ObjectNode o ? o : JsonMapper.MAPPER.createObjectNode();
        sink.row(new Row(n, geometry, properties));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Receives the rows of a layer. */
  interface RowSink {
    void row(Row row) throws IOException;

    void note(String note);
  }

  /** CSV: where the geometry is (WKT column, or longitude and latitude columns). */
  private static List<String> openOptions(Path dataset) {
    if (!dataset.toString().endsWith(".csv")) {
      return List.of();
    }
    CsvText.Header header = CsvText.header(dataset);
    List<String> options = new ArrayList<>();
    if (header.lon() != null && header.lat() != null) {
      options.addAll(List.of("-oo", "X_POSSIBLE_NAMES=" + header.lon(), "-oo", "Y_POSSIBLE_NAMES=" + header.lat()));
    } else if (header.wkt() != null) {
      options.addAll(List.of("-oo", "GEOM_POSSIBLE_NAMES=" + header.wkt()));
    }
    options.addAll(List.of("-oo", "KEEP_GEOM_COLUMNS=YES", "-oo", "EMPTY_STRING_AS_NULL=YES"));
    return options;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The format by content, for a file whose name says nothing useful. */
  private static String sniff(Path file) throws IOException {
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(512);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
    if (text.startsWith("SQLite format 3")) {
      return "gpkg";
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      return "geojson";
    }
    if (text.startsWith("<")) {
      return "kml";
    }
    return "csv";
  }

  /** GDAL's messages, one line each, without the noise of repeated warnings. */
  static String gdalMessage(String stderr) {
    List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().limit(5).toList();
    String joined = String.join("; ", lines);
    return joined.isEmpty() ? "no reason given" : joined.length() > 1000 ? joined.substring(0, 1000) + "…" : joined;
  }

  static Map<String, String> describeCrs(SourceLayer layer) {
    if (!layer.hasCrs()) {
      return Map.of();
    }
    return layer.epsg() == null ? Map.of("name", layer.crsName()) : Map.of("name", layer.crsName(), "epsg", "EPSG:" + layer.epsg());
  }
}
