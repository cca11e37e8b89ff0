package dev.quoll.client.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The text index of one {@link UnpackedStore} entry: what the entry's package folder must hold.
 *
 * <p>Format (UTF-8, one record per line): a first line {@code quoll-unpacked 2}; then {@code bins
 * yes} or {@code bins no} ({@link StoredPackage#mayHaveBins()}); then {@code d <path>} for each
 * sub-folder, parents first; then {@code f <size> <mtime-nanos> <path>} for each regular file. In
 * paths, {@code %}, tab, CR and LF are written as {@code %25}, {@code %09}, {@code %0D}, {@code
 * %0A}. Contract of {@link #parse}: any line that does not follow the format, and any path that is
 * absolute, empty, or has an empty, {@code .} or {@code ..} segment, makes the whole index invalid
 * (empty result), so a damaged or crafted index can never name a file outside the folder it is
 * applied to.
 */
final class StoreIndex {
  static final String HEADER = "quoll-unpacked 2";

  private StoreIndex() {}

  /** The index text for the files of a package (folders derived from the file paths). */
  static String format(List<StoredPackage.StoredFile> files, boolean mayHaveBins) {
    TreeSet<String> dirs = new TreeSet<>();
    for (StoredPackage.StoredFile f : files) {
      String p = f.path();
      for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
        dirs.add(p.substring(0, i));
      }
    }
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    sb.append(mayHaveBins ? "bins yes" : "bins no").append('\n');
    // TreeSet order puts "a" before "a/b" (a prefix sorts first): parents before children
    for (String d : dirs) {
      sb.append("d ").append(escape(d)).append('\n');
    }
    for (StoredPackage.StoredFile f : files) {
      sb.append("f ")
          .append(f.size())
          .append(' ')
          .append(f.mtimeNanos())
          .append(' ')
          .append(escape(f.path()))
          .append('\n');
    }
    return sb.toString();
  }

  /** Parses an index for the package folder {@code dir}; empty when anything is wrong. */
  static Optional<StoredPackage> parse(Path dir, String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
      return Optional.empty();
    }
    boolean bins;
    switch (lines[1]) {
      case "bins yes" -> bins = true;
      case "bins no" -> bins = false;
      default -> {
        return Optional.empty();
      }
    }
    List<String> dirs = new ArrayList<>();
    List<StoredPackage.StoredFile> files = new ArrayList<>();
    try {
      for (int i = 2; i < lines.length - 1; i++) {
        String line = lines[i];
        if (line.startsWith("d ")) {
          String p = unescape(line.substring(2));
          if (!safe(p)) {
            return Optional.empty();
          }
          dirs.add(p);
        } else if (line.startsWith("f ")) {
          int a = line.indexOf(' ', 2);
          int b = line.indexOf(' ', a + 1);
          if (a < 0 || b < 0) {
            return Optional.empty();
          }
          String p = unescape(line.substring(b + 1));
          if (!safe(p)) {
            return Optional.empty();
          }
          files.add(
              new StoredPackage.StoredFile(
                  p,
                  Long.parseLong(line.substring(2, a)),
                  Long.parseLong(line.substring(a + 1, b))));
        } else {
          return Optional.empty();
        }
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(new StoredPackage(dir, dirs, files, bins));
  }

  static boolean safe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0) {
      return false;
    }
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static String escape(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\t') < 0) {
      return s;
    }
    return s.replace("%", "%25").replace("\t", "%09").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (i + 2 >= s.length()) {
        throw new IllegalArgumentException("bad escape");
      }
      String code = s.substring(i + 1, i + 3);
      sb.append(
          switch (code) {
            case "25" -> '%';
            case "09" -> '\t';
            case "0D" -> '\r';
            case "0A" -> '\n';
            default -> throw new IllegalArgumentException("bad escape " + code);
          });
      i += 2;
    }
    return sb.toString();
  }
}
