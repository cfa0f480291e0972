package org.coplan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonMapper;
import org.coplan.layers.Layer;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementService;

/**
 * A plan's layers as a file: GeoPackage (one table per layer), zipped Shapefile (one per layer and
 * geometry kind, as a Shapefile holds one), GeoJSON (RFC 7946, 9 decimals: 0.1 mm), KML, CSV (WKT
 * geometry in CRS84) and DXF (the settlement's metric CRS, one DXF layer per coplan layer, areas as
 * closed outlines, names as labels). The features come from the database as GeoJSON; GDAL's
 * {@code ogr2ogr} converts them in a private directory ({@link GdalRunner}). GeoJSON, KML and CSV of
 * several layers come as a ZIP of one file per layer; KML holds every layer in one file.
 */
public final class ExportService {
  /** The export formats. */
  enum Format {
    GPKG("gpkg", "application/geopackage+sqlite3"),
    SHP("shp", "application/zip"),
    GEOJSON("geojson", "application/geo+json"),
    KML("kml", "application/vnd.google-earth.kml+xml"),
    CSV("csv", "text/csv"),
    DXF("dxf", "image/vnd.dxf");

    final String id;
    final String mediaType;

    Format(String id, String mediaType) {
      this.id = id;
      this.mediaType = mediaType;
    }

    static Format parse(String s) {
      String wanted = s == null ? "gpkg" : s.toLowerCase(Locale.ROOT);
      return Arrays.stream(values())
          .filter(f -> f.id.equals(wanted))
          .findFirst()
          .orElseThrow(() -> ApiProblem.badParameter("format", "must be one of gpkg, shp, geojson, kml, csv, dxf; got '" + s + "'"));
    }
  }

  /** The exported file. */
  record Exported(byte[] bytes, String mediaType, String fileName) {}

  private final Jdbc jdbc;
  private final SettlementService settlements;
  private final GdalRunner gdal;
  private final List<ExportTable> tables;
  private final ExportRepository repository = new ExportRepository();

  public ExportService(Jdbc jdbc, SettlementService settlements, GdalRunner gdal, List<ExportTable> tables) {
    this.jdbc = jdbc;
    this.settlements = settlements;
    this.gdal = gdal;
    this.tables = List.copyOf(tables);
  }

  Exported export(String sid, String pid, String formatName, String layerList) {
    Format format = Format.parse(formatName);
    Settlement settlement = settlements.require(sid);
    settlements.requirePlan(sid, pid);
    List<Layer> layers = new ArrayList<>();
    List<ExportTable> extra = new ArrayList<>();
    if (layerList == null || layerList.isBlank()) {
      layers.addAll(List.of(Layer.values()));
    } else {
      for (String id : layerList.split(",")) {
        String name = id.strip();
        var layer = Layer.byId(name);
        var table = tables.stream().filter(t -> t.id().equals(name)).findFirst();
        if (layer.isPresent()) {
          layers.add(layer.get());
        } else if (table.isPresent() && format == Format.CSV) {
          extra.add(table.get());
        } else {
          throw ApiProblem.badParameter(
              "layers", "'" + name + "' is not a layer (" + Arrays.stream(Layer.values()).map(Layer::id).toList() + ")"
                  + (table.isPresent() ? "; tables come as CSV only" : ""));
        }
      }
    }
    String base = sid + "-" + pid;
    try (GdalRunner.Workspace ws = gdal.workspace()) {
      Path out = Files.createDirectory(ws.file("out"));
      if (format == Format.DXF) {
        Path dxfJson = ws.file("drawing.geojson");
        writeDxfSource(sid, pid, layers, settlement.metricSrid(), dxfJson);
        Path dxf = out.resolve(base + ".dxf");
        convert(ws, List.of("-f", "DXF", dxf.toString(), dxfJson.toString()));
        return new Exported(Files.readAllBytes(dxf), format.mediaType, base + ".dxf");
      }
      List<Path> sources = new ArrayList<>();
      for (Layer layer : layers) {
        List<ExportRepository.Part> parts =
            format == Format.SHP && layer.geometryTypes().size() > 1
                ? List.of(ExportRepository.Part.POINTS, ExportRepository.Part.LINES, ExportRepository.Part.AREAS)
                : List.of(ExportRepository.Part.ALL);
        for (ExportRepository.Part part : parts) {
          Path json = ws.file(layer.id() + part.suffix + ".geojson");
          int n = writeSource(sid, pid, layer, part, json);
          if (n > 0 || part == ExportRepository.Part.ALL) {
            sources.add(json);
          }
        }
      }
      List<Path> files = new ArrayList<>();
      switch (format) {
        case GPKG -> {
          Path gpkg = out.resolve(base + ".gpkg");
          boolean first = true;
          for (Path src : sources) {
            List<String> args = new ArrayList<>(List.of("-f", "GPKG"));
            if (!first) {
              args.add("-update");
            }
            args.addAll(List.of("-nln", stem(src), gpkg.toString(), src.toString()));
            convert(ws, args);
            first = false;
          }
          return new Exported(Files.readAllBytes(gpkg), format.mediaType, base + ".gpkg");
        }
        case KML -> {
          Path gpkg = ws.file("all.gpkg");
          boolean first = true;
          for (Path src : sources) {
            List<String> args = new ArrayList<>(List.of("-f", "GPKG"));
            if (!first) {
              args.add("-update");
            }
            args.addAll(List.of("-nln", stem(src), gpkg.toString(), src.toString()));
            convert(ws, args);
            first = false;
          }
          Path kml = out.resolve(base + ".kml");
          convert(ws, List.of("-f", "KML", kml.toString(), gpkg.toString()));
          return new Exported(Files.readAllBytes(kml), format.mediaType, base + ".kml");
        }
        case SHP -> {
          for (Path src : sources) {
            convert(ws, List.of("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", out.resolve(stem(src) + ".shp").toString(), src.toString()));
          }
        }
        case GEOJSON -> {
          for (Path src : sources) {
            convert(ws, List.of("-f", "GeoJSON", "-lco", "RFC7946=YES", "-lco", "COORDINATE_PRECISION=9", out.resolve(stem(src) + ".geojson").toString(), src.toString()));
          }
        }
        case CSV -> {
          for (Path src : sources) {
            convert(ws, List.of("-f", "CSV", "-lco", "GEOMETRY=AS_WKT", out.resolve(stem(src) + ".csv").toString(), src.toString()));
          }
          for (ExportTable t : extra) {
            Files.writeString(out.resolve(t.id() + ".csv"), t.csv(sid, pid), StandardCharsets.UTF_8);
          }
        }
        default -> throw new IllegalStateException(format.toString());
      }
      try (var list = Files.list(out)) {
        files.addAll(list.sorted().toList());
      }
      if (format != Format.SHP && files.size() == 1) {
        Path only = files.get(0);
        return new Exported(Files.readAllBytes(only), format.mediaType, base + "-" + only.getFileName());
      }
      return new Exported(zip(files), "application/zip", base + "-" + format.id + ".zip");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int writeSource(String sid, String pid, Layer layer, ExportRepository.Part part, Path file) {
    return jdbc.readSnapshot(
        c -> {
          try (OutputStream o = Files.newOutputStream(file)) {
            return repository.writeGeoJson(c, sid, pid, layer, part, o);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void writeDxfSource(String sid, String pid, List<Layer> layers, int srid, Path file) {
    jdbc.readSnapshot(
        c -> {
          try (OutputStream o = Files.newOutputStream(file);
              JsonGenerator g = JsonMapper.MAPPER.getFactory().createGenerator(o)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Layer layer : layers) {
              repository.writeDxfFeatures(c, sid, pid, layer, srid, g);
            }
            g.writeEndArray();
            g.writeEndObject();
            return null;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void convert(GdalRunner.Workspace ws, List<String> args) {
    GdalRunner.Result r = gdal.run(GdalRunner.Program.OGR2OGR, args, ws.dir());
    if (r.exitCode() != 0) {
      throw new IllegalStateException("ogr2ogr failed to export: " + SourceReader.gdalMessage(r.stderr()));
    }
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static byte[] zip(List<Path> files) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }
}
