package dev.quoll.core.tarball;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random package folders for the differential pack test: random trees of files (dot files,
 * README/LICENSE variants, mixed case) with random .npmignore/.gitignore files at random depths
 * and, for some, a random {@code files} array, {@code main} and {@code bin}.
 */
final class RandomPackages {
  private static final List<String> DIRS =
      List.of("lib", "src", "test", "docs", "dist", "Lib", ".hidden", "a", "b", "node_modules");
  private static final List<String> NAMES =
      List.of(
          "index.js",
          "a.js",
          "B.js",
          "x.test.js",
          "README.md",
          "readme",
          "LICENSE",
          "licence.txt",
          "CHANGELOG.md",
          ".eslintrc",
          "notes.txt",
          "data.json",
          "x.d.ts",
          "Makefile",
          "foo.orig",
          ".npmrc",
          "z.map",
          "copying",
          "package.json",
          "a-b.js",
          "a_b.js",
          "10.js",
          "9.js");
  private static final List<String> RULES =
      List.of(
          "*.js",
          "!index.js",
          "test",
          "test/",
          "/test",
          "**/*.test.js",
          "*.md",
          "!README.md",
          "lib/**",
          "!lib/a.js",
          "dist",
          "*.{json,txt}",
          "[ab].js",
          "?.js",
          ".*",
          "!.eslintrc",
          "docs/**/*.md",
          "src/*",
          "**/a",
          "b/",
          "Lib",
          "# comment",
          "",
          "*.map",
          "!*.map",
          "a/**/x.test.js",
          "/index.js",
          "lib/",
          "!lib/",
          "*");
  private static final List<String> FILES =
      List.of(
          "lib",
          "lib/",
          "src/*",
          "dist/**",
          "*.js",
          "!lib/a.js",
          "index.js",
          "./a.js",
          "docs",
          "test/*.js",
          "!test",
          "a/b",
          "**/*.md",
          "B.js",
          "Lib/index.js",
          "/src");

  private RandomPackages() {}

  static Map<String, Path> build(Path root, long seed, int count) {
    Random r = new Random(seed);
    Map<String, Path> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = "random-" + i;
      PackFixtures f = PackFixtures.at(root.resolve(name));
      List<String> dirs = new ArrayList<>(List.of(""));
      for (int d = 0; d < 6; d++) {
        String parent = dirs.get(r.nextInt(dirs.size()));
        dirs.add(parent + DIRS.get(r.nextInt(DIRS.size())) + "/");
      }
      for (int k = 0; k < 25; k++) {
        String dir = dirs.get(r.nextInt(dirs.size()));
        String file = NAMES.get(r.nextInt(NAMES.size()));
        if (!(dir + file).equals("package.json")) {
          f.file(dir + file, "x".repeat(r.nextInt(700)), r.nextInt(5) == 0 ? 0755 : 0644);
        }
      }
      for (int k = 0; k < 3; k++) {
        String dir = dirs.get(r.nextInt(dirs.size()));
        String kind = r.nextBoolean() ? ".npmignore" : ".gitignore";
        f.file(dir + kind, rules(r, 1 + r.nextInt(5)));
      }
      StringBuilder pkg = new StringBuilder("{\"name\":\"" + name + "\",\"version\":\"1.0.0\"");
      if (r.nextBoolean()) {
        pkg.append(",\"files\":[");
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
          pkg.append(k > 0 ? "," : "").append('"').append(FILES.get(r.nextInt(FILES.size())));
          pkg.append('"');
        }
        pkg.append(']');
      }
      if (r.nextInt(3) == 0) {
        pkg.append(",\"main\":\"lib/index.js\"");
      }
      if (r.nextInt(3) == 0) {
        pkg.append(",\"bin\":{\"t\":\"a.js\",\"u\":\"lib/a.js\"}");
      }
      f.file("package.json", pkg.append("}\n").toString());
      out.put(name, f.dir());
    }
    return out;
  }

  private static String rules(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(RULES.get(r.nextInt(RULES.size()))).append(r.nextInt(6) == 0 ? "\r\n" : "\n");
    }
    return sb.toString();
  }
}
