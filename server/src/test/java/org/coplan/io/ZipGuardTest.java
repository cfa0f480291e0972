package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coplan.http.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipGuardTest {
  @TempDir Path dir;

  Path archive(Map<String, byte[]> files) throws Exception {
    Path zip = dir.resolve("in.zip");
    Files.write(zip, Uploads.zip(files));
    return zip;
  }

  Path into() throws Exception {
    return Files.createTempDirectory(dir, "out");
  }

  @Test
  void keepsShapefilePartsTogetherUnderNamesOfItsOwn() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("data/Roads.SHP", new byte[] {1});
    files.put("data/Roads.dbf", new byte[] {2});
    files.put("data/Roads.shx", new byte[] {3});
    files.put("Houses.shp", new byte[] {4});
    files.put("__MACOSX/data/._Roads.shp", new byte[] {5});
    files.put("readme", new byte[] {6});
    List<ZipGuard.Entry> out = ZipGuard.defaults().extract(archive(files), into());
    assertThat(out).extracting(e -> e.path().getFileName().toString()).containsExactly("f1.shp", "f1.dbf", "f1.shx", "f2.shp");
    assertThat(out.get(0).archiveName()).isEqualTo("data/Roads.SHP");
    assertThat(Files.readAllBytes(out.get(3).path())).containsExactly(4);
  }

  @Test
  void refusesClimbingAndAbsoluteNames() throws Exception {
    for (String name : List.of("../x.shp", "a/../../x.shp", "/etc/x.shp", "C:\\\\x.shp", "a\\\\..\\\\..\\\\x.shp")) {
      Path zip = archive(Map.of(name, new byte[] {1}));
      assertThatThrownBy(() -> ZipGuard.defaults().extract(zip, Files.createTempDirectory(dir, "o")))
          .as(name).isInstanceOf(ApiProblem.class).hasMessageContaining("path traversal");
    }
  }

  @Test
  void refusesTooManyEntriesTooManyBytesAndHighRatios() throws Exception {
    Map<String, byte[]> many = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      many.put("f" + i + ".csv", new byte[] {1});
    }
    assertThatThrownBy(() -> new ZipGuard(5, 1 << 20, 100).extract(archive(many), into())).hasMessageContaining("more than 5 entries");
    Path big = archive(Map.of("a.csv", "x".repeat(2000).getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> new ZipGuard(10, 1000, 1_000_000).extract(big, into())).hasMessageContaining("more than 1000 bytes");
    Path bomb = archive(Map.of("a.csv", new byte[12 << 20]));
    assertThatThrownBy(() -> ZipGuard.defaults().extract(bomb, into())).hasMessageContaining("zip bomb");
  }

  @Test
  void refusesSymbolicLinks() throws Exception {
    Path zip = dir.resolve("links.zip");
    Files.write(zip, Fixtures.asSymlinks(Uploads.zip(Map.of("a.shp", "/etc/passwd".getBytes(StandardCharsets.UTF_8)))));
    assertThatThrownBy(() -> ZipGuard.defaults().extract(zip, into())).hasMessageContaining("symbolic link");
  }
}
