package dev.quoll.client.install;

import dev.quoll.core.path.UniqueNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A record, {@code node_modules/.quoll-noop}, that a full {@link UpToDate} check passed, so that
 * the next no-op install can answer from file metadata alone instead of parsing package.json, the
 * lockfile and the hidden lockfile (git's index uses the same idea for its working tree).
 *
 * <p>Contract: {@link #write} records, for package.json, the lockfile and {@code
 * node_modules/.package-lock.json}, the size, modification time and inode (or that the file is
 * absent, also for {@code npm-shrinkwrap.json}), plus every package location of the hidden
 * lockfile. {@link #check} answers the hidden lockfile's entry count only when every recorded file
 * still has exactly that size, time and inode (an edit, a rewrite by npm or Quoll, a replaced or
 * deleted file all change one of them) and each was last modified strictly before the record was
 * written (git's "racy" rule: a change within the same clock tick is not trusted), every recorded
 * location exists and was not modified after the hidden lockfile (arborist's rule, as in {@link
 * UpToDate}), and node_modules holds no other top-level package folder. Anything else, including a
 * missing or malformed record, gives empty and the caller runs the full check. What it cannot see,
 * like the full check: edits deep inside a package folder that leave the folder's own time
 * unchanged.
 */
final class NoOpStamp {
  static final String NAME = ".quoll-noop";
  private static final String HEADER = "quoll-noop 1";
  private static final List<String> FILES =
      List.of("package.json", "npm-shrinkwrap.json", "package-lock.json");
  private static final String HIDDEN = "node_modules/.package-lock.json";

  private NoOpStamp() {}

  /**
   * Records a passed check (best effort: a failure to write leaves no record).
   *
   * @param root the project folder
   * @param locations the hidden lockfile's package locations, e.g. {@code node_modules/a}
   */
  static void write(Path root, Set<String> locations) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    try {
      for (String f : FILES) {
        sb.append(describe(root.resolve(f))).append(' ').append(f).append('\n');
      }
      sb.append(describe(root.resolve(HIDDEN))).append(' ').append(HIDDEN).append('\n');
      for (String loc : locations) {
        if (loc.indexOf('\n') >= 0) {
          return;
        }
        sb.append("loc ").append(loc).append('\n');
      }
      Path nm = root.resolve("node_modules");
      Path tmp = nm.resolve(NAME + "-" + UniqueNames.next());
      Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, nm.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // no record: the next no-op runs the full check
    }
  }

  /**
   * @param root the project folder
   * @return the hidden lockfile's entry count when the record proves nothing changed
   */
  static OptionalInt check(Path root) {
    Path nm = root.resolve("node_modules");
    Path stamp = nm.resolve(NAME);
    try {
      long stampTime =
          Files.getLastModifiedTime(stamp, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
      List<String> lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.getFirst().equals(HEADER) || lines.size() < 5) {
        return OptionalInt.empty();
      }
      for (int i = 1; i <= FILES.size() + 1; i++) {
        String line = lines.get(i);
        String name = line.substring(line.lastIndexOf(' ') + 1);
        String now = describe(root.resolve(name));
        if (!line.equals(now + ' ' + name) || (!now.equals("absent") && mtime(now) >= stampTime)) {
          return OptionalInt.empty();
        }
      }
      FileTime hiddenTime = Files.getLastModifiedTime(root.resolve(HIDDEN));
      Set<String> locs = new HashSet<>();
      for (String line : lines.subList(FILES.size() + 2, lines.size())) {
        if (!line.startsWith("loc ")) {
          return OptionalInt.empty();
        }
        String loc = line.substring(4);
        if (Files.getLastModifiedTime(root.resolve(loc), LinkOption.NOFOLLOW_LINKS)
                .compareTo(hiddenTime)
            > 0) {
          return OptionalInt.empty();
        }
        locs.add(loc);
      }
      return UpToDate.topLevelKnown(nm, locs::contains)
          ? OptionalInt.of(locs.size())
          : OptionalInt.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /** {@code <size> <mtime-ns> <inode>} of a file, or {@code absent}. */
  private static String describe(Path p) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, "unix:size,lastModifiedTime,ino", LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return "absent";
    }
    return a.get("size")
        + " "
        + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS)
        + " "
        + a.get("ino");
  }

  private static long mtime(String described) {
    String[] parts = described.split(" ");
    return Long.parseLong(parts[1]);
  }
}
