package org.coplan.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Extracts an uploaded ZIP archive into a job's private directory, refusing what could harm the
 * server: more than {@code maxEntries} entries, more than {@code maxBytes} uncompressed, a
 * compression ratio above {@code maxRatio} (a zip bomb: counted on the bytes actually inflated,
 * never on the sizes the archive claims), names that are absolute or climb out with {@code ..}
 * (path traversal, "zip slip"), and symbolic links (read from the central directory's Unix mode,
 * which {@link ZipInputStream} does not expose).
 *
 * <p>Entries are written under names coplan chooses ({@code f1.shp}, {@code f1.dbf}, ...), keeping
 * only the (lower-cased) extension and grouping files of the same base name, so that a
 * Shapefile's parts stay together and no client text ever becomes a path. Folders inside the
 * archive are flattened; macOS resource forks ({@code __MACOSX/}) are skipped.
 */
final class ZipGuard {
  /** An extracted file: the name it had in the archive (for messages) and where it is now. */
  record Entry(String archiveName, Path path) {}

  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;

  private final int maxEntries;
  private final long maxBytes;
  private final int maxRatio;

  ZipGuard(int maxEntries, long maxBytes, int maxRatio) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.maxRatio = maxRatio;
  }

  static ZipGuard defaults() {
    return new ZipGuard(1000, 2L << 30, 100);
  }

  static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }
  }

  List<Entry> extract(Path archive, Path into) throws IOException {
    refuseLinks(archive);
    long archiveSize = Files.size(archive);
    // small archives of text compress well: allow at least 10 MB whatever the ratio
    long ratioLimit = Math.max(10L << 20, archiveSize * maxRatio);
    long total = 0;
    int entries = 0;
    Map<String, Integer> groups = new LinkedHashMap<>();
    List<Entry> out = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (++entries > maxEntries) {
          throw IoProblems.unsafeArchive("the archive has more than " + maxEntries + " entries");
        }
        String name = e.getName();
        checkName(name);
        if (e.isDirectory() || name.startsWith("__MACOSX/") || name.contains("/._")) {
          continue;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        String ext = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!EXTENSION.matcher(ext).matches()) {
          continue;
        }
        String stem = name.substring(0, name.length() - base.length()) + base.substring(0, dot);
        int group = groups.computeIfAbsent(stem.toLowerCase(Locale.ROOT), k -> groups.size() + 1);
        Path target = into.resolve("f" + group + "." + ext);
        if (Files.exists(target)) {
          // the same file twice under names differing only in case
          continue;
        }
        try (OutputStream o = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
          byte[] buffer = new byte[65536];
          int n;
          while ((n = zip.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
              throw IoProblems.unsafeArchive("the archive unpacks to more than " + maxBytes + " bytes");
            }
            if (total > ratioLimit) {
              throw IoProblems.unsafeArchive(
                  "the archive unpacks to more than " + maxRatio + " times its size: refused as a possible zip bomb");
            }
            o.write(buffer, 0, n);
          }
        }
        out.add(new Entry(name, target));
      }
    } catch (ZipException e) {
      throw IoProblems.unsafeArchive("the file is not a readable ZIP archive: " + e.getMessage());
    }
    if (entries == 0) {
      throw IoProblems.unreadable("the ZIP archive is empty");
    }
    return out;
  }

  private static void checkName(String name) {
    String n = name.replace('\\', '/');
    boolean absolute = n.startsWith("/") || n.matches("^[A-Za-z]:.*");
    boolean climbs = ("/" + n + "/").contains("/../");
    if (absolute || climbs || n.indexOf('\0') >= 0) {
      throw IoProblems.unsafeArchive(
          "the archive entry '" + printable(name) + "' points outside the archive (path traversal): refused");
    }
  }

  /**
   * Reads the central directory (the end record, then every file header) and refuses entries
   * whose Unix mode says symbolic link. An archive without a readable end record is left to {@link
   * ZipInputStream} to judge.
   */
  private static void refuseLinks(Path archive) throws IOException {
    try (FileChannel ch = FileChannel.open(archive)) {
      long size = ch.size();
      int tail = (int) Math.min(size, 65_535 + 22);
      ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(end, size - tail);
      int at = -1;
      for (int i = tail - 22; i >= 0; i--) {
        if (end.getInt(i) == 0x06054b50) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        return;
      }
      int count = Short.toUnsignedInt(end.getShort(at + 10));
      long dirSize = Integer.toUnsignedLong(end.getInt(at + 12));
      long dirOffset = Integer.toUnsignedLong(end.getInt(at + 16));
      if (dirOffset + dirSize > size || dirSize > 64L << 20) {
        return;
      }
      ByteBuffer dir = ByteBuffer.allocate((int) dirSize).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(dir, dirOffset);
      int p = 0;
      for (int i = 0; i < count && p + 46 <= dirSize; i++) {
        if (dir.getInt(p) != 0x02014b50) {
          return;
        }
        int madeBy = Short.toUnsignedInt(dir.getShort(p + 4)) >> 8;
        int nameLength = Short.toUnsignedInt(dir.getShort(p + 28));
        int extraLength = Short.toUnsignedInt(dir.getShort(p + 30));
        int commentLength = Short.toUnsignedInt(dir.getShort(p + 32));
        int mode = dir.getInt(p + 38) >>> 16;
        // host 3 = Unix: the high half of the external attributes is st_mode
        if (madeBy == 3 && (mode & S_IFMT) == S_IFLNK) {
          byte[] name = new byte[Math.min(nameLength, (int) dirSize - p - 46)];
          dir.get(p + 46, name);
          throw IoProblems.unsafeArchive(
              "the archive entry '" + printable(new String(name, java.nio.charset.StandardCharsets.UTF_8))
                  + "' is a symbolic link: refused");
        }
        p += 46 + nameLength + extraLength + commentLength;
      }
    }
  }

  private static String printable(String s) {
    String t = s.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
