package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import dev.quoll.core.path.PosixPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One directory of the npm-packlist 10 walk (its {@code PackWalker} over ignore-walk 8's {@code
 * Walker}): reads the directory's rule files, filters entries through its own and its ancestors'
 * rules, recurses into kept directories and collects kept regular files.
 *
 * <p>Rule sets per directory, in precedence order: npm's default exclusions, package.json's {@code
 * files} (root of a package only), {@code .npmignore}, {@code .gitignore} (only without an
 * .npmignore, and neither when {@code files} is set), then the strict rules (always-included
 * package.json/README/LICENSE/main/bin/browser, always-excluded .git/node_modules/.npmrc/lock
 * files). Symbolic links and other non-regular entries are never packed, nor names with {@code *}.
 */
final class PackWalker {
  static final String DEFAULT_RULES = "\0npm-packlist.rules.default";
  static final String STRICT_RULES = "\0npm-packlist.rules.strict";

  private static final List<String> DEFAULTS =
      List.of(
          ".npmignore",
          ".gitignore",
          "**/.git",
          "**/.svn",
          "**/.hg",
          "**/CVS",
          "**/.git/**",
          "**/.svn/**",
          "**/.hg/**",
          "**/CVS/**",
          "/.lock-wscript",
          "/.wafpickle-*",
          "/build/config.gypi",
          "npm-debug.log",
          "**/.npmrc",
          ".*.swp",
          ".DS_Store",
          "**/.DS_Store/**",
          "._*",
          "**/._*/**",
          "*.orig",
          "/archived-packages/**");
  private static final List<String> STRICT_DEFAULTS = List.of("/.git");
  private static final List<String> PACKAGE_RULE_FILES =
      List.of(DEFAULT_RULES, "package.json", ".npmignore", ".gitignore", STRICT_RULES);
  private static final List<String> CHILD_RULE_FILES =
      List.of(DEFAULT_RULES, ".npmignore", ".gitignore", STRICT_RULES);

  private final Path path;
  private final String basename;
  private final List<String> ignoreFiles;
  private final Map<String, List<IgnorePattern>> ignoreRules = new HashMap<>();
  private final PackWalker parent;
  private final Set<String> result;
  private final String relDir;
  private final boolean exact;
  private final boolean isPackage;
  private final PackNode tree;
  private final List<String> requiredFiles;
  private final Set<Path> seen;

  private PackWalker(
      Path path,
      List<String> ignoreFiles,
      PackWalker parent,
      boolean exact,
      boolean isPackage,
      PackNode tree,
      List<String> requiredFiles,
      Set<Path> seen) {
    this.path = path;
    this.basename = path.getFileName() == null ? "" : path.getFileName().toString();
    this.ignoreFiles = ignoreFiles;
    this.parent = parent;
    this.result = parent == null ? new LinkedHashSet<>() : parent.result;
    this.relDir = parent == null ? "" : parent.relDir + basename + "/";
    this.exact = exact;
    this.isPackage = isPackage;
    this.tree = tree;
    this.requiredFiles = new ArrayList<>(requiredFiles);
    this.seen = seen;
    injectRules(DEFAULT_RULES, DEFAULTS);
    if (!isPackage) {
      List<String> strict = new ArrayList<>(STRICT_DEFAULTS);
      for (String file : requiredFiles) {
        strict.add("!" + file);
      }
      injectRules(STRICT_RULES, strict);
    }
  }

  /** The walker of a package folder: the project root, or a bundled dependency. */
  static PackWalker forPackage(PackNode node) {
    return new PackWalker(
        node.location(), PACKAGE_RULE_FILES, null, false, true, node, List.of(), new HashSet<>());
  }

  /**
   * A bundled dependency walks with only its package.json and strict rules, unless it is a link.
   */
  private static PackWalker forBundle(PackNode node, Set<Path> seen) {
    List<String> files = node.link() ? PACKAGE_RULE_FILES : List.of("package.json", STRICT_RULES);
    return new PackWalker(node.location(), files, null, false, true, node, List.of(), seen);
  }

  /**
   * Walks the folder.
   *
   * @return the kept files relative to this walker's folder, {@code /}-separated, with
   *     ignore-walk's {@code ./} prefix on names starting with {@code @}, unsorted
   */
  List<String> walk() {
    List<String> entries = readdir();
    if (!entries.isEmpty()) {
      for (String e : entries) {
        if (ignoreFiles.contains(e)) {
          addIgnoreFile(e);
        }
      }
      filterEntries(entries);
    }
    if (isPackage) {
      gatherBundles();
    }
    List<String> out = new ArrayList<>();
    for (String e : result) {
      out.add(e.startsWith("@") ? "./" + e : e);
    }
    return out;
  }

  private List<String> readdir() {
    try (Stream<Path> list = Files.list(path)) {
      return list.map(p -> p.getFileName().toString()).toList();
    } catch (NoSuchFileException e) {
      throw new CoreException("ENOENT", "no such directory: " + path, e);
    } catch (IOException e) {
      throw new CoreException("EIO", "cannot read directory " + path + ": " + e.getMessage(), e);
    }
  }

  private void addIgnoreFile(String file) {
    if (file.equals("package.json") && isPackage) {
      processPackage();
      return;
    }
    try {
      // like node's readFile(…, 'utf8'): malformed bytes become U+FFFD
      onReadIgnoreFile(
          file, new String(Files.readAllBytes(path.resolve(file)), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CoreException("EIO", "cannot read " + path.resolve(file), e);
    }
  }

  private void injectRules(String key, List<String> rules) {
    onReadIgnoreFile(key, String.join("\n", rules) + "\n");
  }

  private void onReadIgnoreFile(String key, String data) {
    ignoreRules.put(key, IgnoreRules.parse(data));
  }

  private void processPackage() {
    PackageRules rules = PackageRules.of(tree.manifest(), path);
    requiredFiles.addAll(rules.requiredFiles());
    rules.filesRules().ifPresent(r -> injectRules("package.json", r));
    injectRules(STRICT_RULES, rules.strictRules());
  }

  static BasicFileAttributes lstat(Path p, boolean mustBeDir) {
    try {
      BasicFileAttributes st =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return mustBeDir && !st.isDirectory() ? null : st;
    } catch (IOException e) {
      return null;
    }
  }

  private void filterEntries(List<String> entries) {
    if (ignoreRules.get("package.json") != null) {
      ignoreRules.remove(".npmignore");
      ignoreRules.remove(".gitignore");
    } else if (ignoreRules.get(".npmignore") != null) {
      ignoreRules.remove(".gitignore");
    }
    for (String entry : entries) {
      boolean passFile = filterEntry(entry, false, null);
      boolean passDir = filterEntry(entry, true, null);
      if ((passFile || passDir) && !entry.contains("*")) {
        visit(entry, passFile, passDir);
      }
    }
  }

  private void visit(String entry, boolean passFile, boolean passDir) {
    BasicFileAttributes st = lstat(path.resolve(entry), false);
    if (st == null) {
      throw new CoreException("ENOENT", "cannot stat " + path.resolve(entry));
    }
    if (!st.isRegularFile() && !st.isDirectory()) {
      return;
    }
    if (!st.isDirectory()) {
      if (passFile) {
        result.add(relDir + entry);
      }
    } else if (passDir) {
      boolean childExact = passFile || filterEntry(entry + "/", false, null);
      List<String> childRequired = new ArrayList<>();
      for (String file : requiredFiles) {
        if (PosixPath.relative("/", file, entry).equals("..")) {
          childRequired.add(PosixPath.relative("/", entry, file));
        }
      }
      List<String> childFiles = tree.hasWorkspaces() ? PACKAGE_RULE_FILES : CHILD_RULE_FILES;
      new PackWalker(
              path.resolve(entry),
              childFiles,
              this,
              childExact,
              false,
              tree,
              childRequired,
              new HashSet<>())
          .walk();
    }
  }

  private boolean filterEntry(String entry, boolean partial, String entryBasename) {
    boolean included = true;
    if (parent != null) {
      included =
          parent.filterEntry(
              basename + "/" + entry, partial, entryBasename == null ? entry : entryBasename);
      if (!included && !exact) {
        return false;
      }
    }
    for (String f : ignoreFiles) {
      List<IgnorePattern> rules = ignoreRules.get(f);
      if (rules == null) {
        continue;
      }
      for (IgnorePattern rule : rules) {
        // a negation can only re-include, a plain rule only exclude
        if (rule.negate() == included) {
          continue;
        }
        if (IgnoreRules.matches(rule, entry, partial, entryBasename)) {
          included = rule.negate();
        }
      }
    }
    return included;
  }

  private void gatherBundles() {
    if (!seen.add(tree.real())) {
      return;
    }
    for (String dep : tree.bundleNames()) {
      PackNode node = tree.resolve(dep).orElse(null);
      if (node == null) {
        continue;
      }
      PackWalker walker = forBundle(node, seen);
      String relativeFrom = PosixPath.relative("/", path.toString(), node.location().toString());
      for (String file : walker.walk()) {
        result.add(PosixPath.join(relativeFrom, file));
      }
    }
  }
}
