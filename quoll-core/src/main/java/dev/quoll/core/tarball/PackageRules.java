package dev.quoll.core.tarball;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.path.PosixPath;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule sets npm-packlist 10 derives from a package's package.json ({@code processPackage}).
 *
 * <p>{@code files} becomes {@code *} followed by one inclusion per entry ({@code ./} dropped, a
 * trailing {@code /*} widened to {@code /**}, an existing directory also included with {@code
 * /**}); an entry naming an existing regular file is instead a strict inclusion and a required
 * file. The strict rules always exclude /.git, /node_modules, .npmrc and lock files and always
 * include package.json, README, COPYING, LICENSE/LICENCE (with any extension not ending in {@code
 * ~} or {@code $}), {@code browser}, {@code main} and every {@code bin} target.
 *
 * @param filesRules the rules from {@code files}, when package.json has a truthy {@code files}
 * @param strictRules the strict rules, applied last
 * @param requiredFiles {@code files} entries naming regular files, root-relative
 */
record PackageRules(
    Optional<List<String>> filesRules, List<String> strictRules, List<String> requiredFiles) {

  /**
   * Derives the rules.
   *
   * @param manifest the package's manifest
   * @param path the package folder (entries of {@code files} are looked up there)
   * @throws CoreException {@code EBADFILES} when {@code files} is neither a string nor an array of
   *     strings (npm fails with a TypeError)
   */
  static PackageRules of(PackManifest manifest, Path path) {
    JsonNode files = manifest.field("files");
    List<String> requiredFiles = new ArrayList<>();
    List<String> filesRules = null;
    List<String> ignores = new ArrayList<>();
    List<String> strict =
        new ArrayList<>(
            List.of(
                "/.git",
                "!/package.json",
                "!/readme{,.*[^~$]}",
                "!/copying{,.*[^~$]}",
                "!/license{,.*[^~$]}",
                "!/licence{,.*[^~$]}",
                "/.git",
                "/node_modules",
                ".npmrc",
                "/package-lock.json",
                "/yarn.lock",
                "/pnpm-lock.yaml",
                "/bun.lockb"));
    if (JsValues.truthy(files)) {
      for (String entry : filesEntries(files)) {
        String file = entry;
        if (file.startsWith("./")) {
          file = file.substring(1);
        }
        if (file.endsWith("/*")) {
          file += "*";
        }
        String inverse = "!" + file;
        String target = PosixPath.join(path.toString(), file.replaceFirst("^!+", ""));
        BasicFileAttributes st = PackWalker.lstat(Path.of(target), target.endsWith("/"));
        if (st == null) {
          ignores.add(inverse);
        } else if (st.isRegularFile()) {
          strict.add(0, inverse);
          requiredFiles.add(file.startsWith("/") ? file.substring(1) : file);
        } else if (st.isDirectory()) {
          ignores.add(inverse);
          ignores.add(inverse + "/**");
        }
      }
      filesRules = new ArrayList<>(List.of("*"));
      filesRules.addAll(ignores);
    }
    JsonNode browser = manifest.field("browser");
    if (JsValues.truthy(browser)) {
      strict.add("!/" + JsValues.toJsString(browser));
    }
    JsonNode main = manifest.field("main");
    if (JsValues.truthy(main)) {
      strict.add("!/" + JsValues.toJsString(main));
    }
    for (String bin : manifest.bin().values()) {
      strict.add("!/" + bin);
    }
    return new PackageRules(Optional.ofNullable(filesRules), strict, requiredFiles);
  }

  private static List<String> filesEntries(JsonNode files) {
    List<String> out = new ArrayList<>();
    if (files.isTextual()) {
      files.textValue().codePoints().forEach(c -> out.add(Character.toString(c)));
    } else if (files.isArray()) {
      for (JsonNode f : files) {
        if (!f.isTextual()) {
          throw new CoreException(
              "EBADFILES", "package.json \"files\" entries must be strings, got " + f);
        }
        out.add(f.textValue());
      }
    } else {
      throw new CoreException("EBADFILES", "package.json \"files\" must be an array");
    }
    return out;
  }
}
