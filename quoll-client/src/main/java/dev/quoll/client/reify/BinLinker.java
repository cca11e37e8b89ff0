package dev.quoll.client.reify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.manifest.Manifest;
import dev.quoll.core.manifest.NormalizeStep;
import dev.quoll.core.manifest.Normalizer;
import dev.quoll.core.path.PosixPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links package bins into {@code node_modules/.bin} as bin-links 5 does for a local (non-global)
 * install.
 *
 * <p>Contract: each bin {@code name -> file} of the package at {@code <nm>/<pkg>} becomes a
 * relative symbolic link {@code <nm>/.bin/<name> -> ../<pkg>/<file>}, where {@code <nm>} is the
 * node_modules folder holding the package (so nested packages get a nested {@code .bin}). As in
 * bin-links' {@code linkGently}: a bin whose file is missing is skipped; within one run the first
 * package to claim a name keeps it (callers link in arborist's depth-then-path order); an existing
 * link to the same target is kept; an existing link into the same package is replaced; anything
 * else already there (a file, or a link into another package) is left alone. A linked file gets
 * mode {@code 0755} and a CRLF line end after a {@code #!} line becomes LF (bin-links' {@code
 * fixBin}). Unsafe names (with {@code /} or {@code ..}) and files outside the package are skipped.
 */
final class BinLinker {
  private static final Set<java.nio.file.attribute.PosixFilePermission> BIN_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private final Path root;
  private final Journal journal;
  private final Set<Path> seen = new HashSet<>();

  BinLinker(Path root, Journal journal) {
    this.root = root;
    this.journal = journal;
  }

  /**
   * The bins of an installed package: the plan's when given, else npm's normalised {@code bin} of
   * its package.json ({@code bin} and {@code directories.bin}).
   */
  static Map<String, String> binsOf(Path dir, Map<String, String> planned) {
    if (!planned.isEmpty()) {
      return planned;
    }
    try {
      Manifest m = Manifest.read(dir.resolve("package.json"));
      if (m.get("bin").isEmpty() && m.get("directories").map(d -> d.get("bin")).isEmpty()) {
        return Map.of();
      }
      Manifest n =
          m.normalize(
                  Normalizer.of(List.of(NormalizeStep.BIN, NormalizeStep.BIN_DIR)).inFolder(dir))
              .manifest();
      JsonNode bin = n.json().get("bin");
      Map<String, String> out = new LinkedHashMap<>();
      if (bin != null) {
        bin.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      }
      return out;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /**
   * Links the bins of the package at {@code location}.
   *
   * @return the bin names linked
   */
  synchronized List<String> link(String location, Map<String, String> bins) throws IOException {
    Path pkg = root.resolve(location);
    Path binDir = root.resolve(Locations.nodeModulesOf(location)).resolve(".bin");
    java.util.ArrayList<String> linked = new java.util.ArrayList<>();
    for (Map.Entry<String, String> e : bins.entrySet()) {
      String name = e.getKey();
      String file = safeFile(e.getValue());
      if (name.isEmpty()
          || name.contains("/")
          || name.equals("..")
          || name.equals(".")
          || file == null) {
        continue;
      }
      Path to = binDir.resolve(name);
      if (!seen.add(to)) {
        continue;
      }
      Path absFrom = pkg.resolve(file);
      if (!Files.exists(absFrom, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path from = binDir.relativize(absFrom);
      if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isSymbolicLink(to)) {
          continue;
        }
        Path target = Files.readSymbolicLink(to);
        if (target.equals(from)) {
          continue;
        }
        Path abs = binDir.resolve(target).normalize();
        if (!abs.startsWith(pkg)) {
          continue;
        }
        journal.removeLink(to);
      } else {
        journal.createDirectories(binDir);
      }
      journal.symlink(to, from);
      fixBin(absFrom);
      linked.add(name);
    }
    return linked;
  }

  /** Removes the {@code .bin} links that point into the package at {@code location}. */
  synchronized void unlink(String location, Map<String, String> bins) throws IOException {
    Path pkg = root.resolve(location);
    Path binDir = root.resolve(Locations.nodeModulesOf(location)).resolve(".bin");
    for (String name : bins.keySet()) {
      if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
        continue;
      }
      Path to = binDir.resolve(name);
      if (Files.isSymbolicLink(to)
          && binDir.resolve(Files.readSymbolicLink(to)).normalize().startsWith(pkg)) {
        journal.removeLink(to);
      }
    }
  }

  private static String safeFile(String raw) {
    String p = PosixPath.normalize(raw.replace('\\', '/'));
    if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.equals(".")) {
      return null;
    }
    return p;
  }

  private static void fixBin(Path file) throws IOException {
    Path real = file.toRealPath();
    byte[] head = new byte[2048];
    int n;
    try (var in = Files.newInputStream(real)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String start = new String(head, 0, Math.max(0, n), StandardCharsets.ISO_8859_1);
    int eol = start.indexOf('\n');
    if (start.startsWith("#!") && eol > 0 && start.charAt(eol - 1) == '\r') {
      byte[] all = Files.readAllBytes(real);
      byte[] fixed = new byte[all.length - 1];
      System.arraycopy(all, 0, fixed, 0, eol - 1);
      System.arraycopy(all, eol, fixed, eol - 1, all.length - eol);
      // written beside and renamed over: a file hard-linked from the unpacked store is replaced
      // in node_modules, never rewritten in place (which would change the store copy)
      Path tmp = real.resolveSibling(".quoll-bin-" + dev.quoll.core.path.UniqueNames.next());
      Files.write(tmp, fixed);
      Files.move(tmp, real, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      if (!Files.getPosixFilePermissions(real).equals(BIN_MODE)) {
        Files.setPosixFilePermissions(real, BIN_MODE);
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to do
    }
  }
}
