package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code npm pack} puts in a package's tarball: npm-packlist 10 as npm 11 runs it.
 *
 * <p>Contract: {@link #of(Path)} returns exactly the paths npm-packlist returns for the folder (as
 * {@code npm pack --dry-run} lists them), in npm-packlist's order, which is the order of the
 * tarball's entries. The rules, in brief: package.json {@code files} (globs, negations,
 * directories) when present, otherwise {@code .npmignore}, otherwise {@code .gitignore}, each
 * applying per directory with nested files; npm's default exclusions (.git, .svn, .hg, CVS, .npmrc,
 * .DS_Store, {@code *.orig}, npm-debug.log, {@code .*.swp}, ...); the always-included package.json,
 * {@code README*}, {@code LICENSE*}, {@code LICENCE*}, {@code COPYING*}, {@code main}, {@code
 * browser} and {@code bin} files; the always-excluded /node_modules (except bundled dependencies),
 * lock files and /.git. Symbolic links, empty directories and names containing {@code *} are never
 * listed.
 */
public final class PackList {
  private PackList() {}

  /**
   * Lists the files to pack.
   *
   * @param packageDir the package folder (holding package.json)
   * @return relative {@code /}-separated paths in tarball order, e.g. {@code ["LICENSE",
   *     "lib/index.js", "package.json"]}
   * @throws CoreException {@code ENOENT} when the folder does not exist, {@code EJSONPARSE} when
   *     package.json is invalid, {@code EBADFILES} when {@code files} is not an array of strings,
   *     {@code EIO} when a folder or rule file cannot be read
   */
  public static List<String> of(Path packageDir) {
    List<String> raw = walk(PackNode.root(packageDir));
    List<String> out = new ArrayList<>(raw.size());
    for (String p : raw) {
      out.add(entryPath(p));
    }
    return List.copyOf(out);
  }

  /** npm-packlist's raw, sorted result (names starting with {@code @} carry a {@code ./}). */
  static List<String> walk(PackNode root) {
    List<String> files = new ArrayList<>(PackWalker.forPackage(root).walk());
    files.sort(NpmCollation.tarOrder());
    return files;
  }

  /** The path node-tar writes for a packlist path: without a leading {@code ./}. */
  static String entryPath(String packlistPath) {
    return packlistPath.startsWith("./") ? packlistPath.substring(2) : packlistPath;
  }
}
