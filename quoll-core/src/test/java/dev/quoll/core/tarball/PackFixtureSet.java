package dev.quoll.core.tarball;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hand-built package folders of the pack tests, each aimed at a group of npm's rules. */
final class PackFixtureSet {
  private PackFixtureSet() {}

  static Map<String, Path> build(Path root) {
    Map<String, Path> out = new LinkedHashMap<>();
    out.put("plain", plain(root.resolve("plain")));
    out.put("files-globs", filesGlobs(root.resolve("files-globs")));
    out.put("gitignore-only", gitignoreOnly(root.resolve("gitignore-only")));
    out.put("npmignore", npmignore(root.resolve("npmignore")));
    out.put("bin-scoped", binScoped(root.resolve("bin-scoped")));
    out.put("bin-directory", binDirectory(root.resolve("bin-directory")));
    out.put("long-unicode", longUnicode(root.resolve("long-unicode")));
    out.put("bundled", bundled(root.resolve("bundled")));
    out.put("linked-bundle", linkedBundle(root.resolve("linked-bundle")));
    out.put("workspaces", workspaces(root.resolve("workspaces")));
    out.put("workspaces-unmatched", workspacesUnmatched(root.resolve("workspaces-unmatched")));
    out.put("strict-rules", strictRules(root.resolve("strict-rules")));
    out.put("nested-negation", nestedNegation(root.resolve("nested-negation")));
    return out;
  }

  /** (a) README/LICENSE/index.js/lib plus everything npm always leaves out. */
  static Path plain(Path dir) {
    return PackFixtures.at(dir)
        .file("package.json", "{\"name\":\"plain\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n")
        .file("README.md", "# plain\n")
        .file("LICENSE", "MIT\n")
        .file("CHANGELOG.md", "changes\n")
        .file("index.js", "module.exports = 1\n")
        .file("lib/a.js", "a\n".repeat(300))
        .file("lib/b/c.js", "")
        .file("lib/b/.hidden", "h\n")
        .file(".npmrc", "x=1\n")
        .file(".DS_Store", "ds\n")
        .file("lib/.DS_Store", "ds\n")
        .file("x.orig", "o\n")
        .file("npm-debug.log", "log\n")
        .file(".index.js.swp", "swp\n")
        .file("._resource", "r\n")
        .file(".git/config", "[core]\n")
        .file("lib/.git", "gitdir: ..\n")
        .file(".svn/entries", "e\n")
        .file("CVS/Root", "r\n")
        .file("node_modules/foo/index.js", "foo\n")
        .file("package-lock.json", "{}\n")
        .file("yarn.lock", "\n")
        .file("pnpm-lock.yaml", "\n")
        .file("lib/package-lock.json", "{}\n")
        .file("lib/yarn.lock", "\n")
        .file("build/config.gypi", "{}\n")
        .file("build/other.js", "o\n")
        .file(".wafpickle-7", "w\n")
        .file("archived-packages/old.tgz", "x\n")
        .file("star*name.js", "star\n")
        .file("Makefile", "all:\n")
        .mkdir("empty/dir")
        .symlink("link-to-index.js", "index.js")
        .symlink("linked-dir", "lib")
        .dir();
  }

  /** (b) {@code files} with globs, negations, directories, a ./ entry, plus a nested .npmignore. */
  static Path filesGlobs(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            """
            {
              "name": "files-globs",
              "version": "2.0.0-beta.1",
              "main": "main.js",
              "browser": "browser.js",
              "files": [
                "lib/",
                "bin/*.js",
                "!lib/secret.js",
                "docs/**/*.md",
                "types",
                "./dist/index.js",
                "src/*",
                "CHANGELOG*",
                "nested/deep/file.txt",
                "*.json"
              ]
            }
            """)
        .file("main.js", "main\n")
        .file("browser.js", "browser\n")
        .file("other.js", "not listed\n")
        .file("README", "readme\n")
        .file("readme.txt~", "backup readme\n")
        .file("LICENCE.md", "licence\n")
        .file("COPYING", "copying\n")
        .file("CHANGELOG.md", "c\n")
        .file("changelog.txt", "c\n")
        .file("config.json", "{}\n")
        .file("lib/index.js", "i\n")
        .file("lib/secret.js", "s\n")
        .file("lib/util.test.js", "t\n")
        .file("lib/.npmignore", "*.test.js\n# comment\n\n  spaced.js  \n")
        .file("lib/spaced.js", "sp\n")
        .file("lib/sub/deep.js", "d\n")
        .file("lib/sub/deep.test.js", "d\n")
        .file("bin/run.js", "r\n")
        .file("bin/run.sh", "r\n")
        .file("docs/a.md", "a\n")
        .file("docs/guide/b.md", "b\n")
        .file("docs/guide/c.txt", "c\n")
        .file("types/index.d.ts", "t\n")
        .file("dist/index.js", "d\n")
        .file("dist/other.js", "o\n")
        .file("src/x.js", "x\n")
        .file("src/deep/y.js", "y\n")
        .file("nested/deep/file.txt", "n\n")
        .file("nested/deep/other.txt", "o\n")
        .file(".npmignore", "lib/\n")
        .file(".gitignore", "dist/\n")
        .dir();
  }

  /** (c) only .gitignore files, nested, with negations and anchored rules. */
  static Path gitignoreOnly(Path dir) {
    return PackFixtures.at(dir)
        .file("package.json", "{\"name\":\"gitignore-only\",\"version\":\"0.0.1\"}\n")
        .file(".gitignore", "dist/\n*.log\n!keep.log\n/build\ncoverage\n\\#hash\n")
        .file("index.js", "i\n")
        .file("error.log", "e\n")
        .file("keep.log", "k\n")
        .file("dist/out.js", "o\n")
        .file("build/x.js", "x\n")
        .file("src/build/y.js", "y\n")
        .file("coverage/lcov.info", "c\n")
        .file("src/coverage/z.js", "z\n")
        .file("#hash", "h\n")
        .file("src/index.js", "s\n")
        .file("src/.gitignore", "tmp\n*.gen.js\n")
        .file("src/tmp/t.js", "t\n")
        .file("src/a.gen.js", "g\n")
        .file("src/deeper/b.gen.js", "g\n")
        .file("src/deeper/keep.js", "k\n")
        .dir();
  }

  /** An .npmignore that wins over .gitignore, with globstars, classes and braces. */
  static Path npmignore(Path dir) {
    return PackFixtures.at(dir)
        .file("package.json", "{\"name\":\"npmignore\",\"version\":\"1.2.3\"}\n")
        .file(
            ".npmignore",
            "test/\n**/*.spec.js\n*.{md,txt}\n!README.md\nfixtures/**\n!fixtures/keep/**\n"
                + "[abc].js\nd?.js\nsrc/**/internal\n/top-only.js\nREADME.md\n")
        .file(".gitignore", "index.js\n")
        .file("index.js", "i\n")
        .file("README.md", "r\n")
        .file("notes.md", "n\n")
        .file("notes.txt", "n\n")
        .file("a.js", "a\n")
        .file("e.js", "e\n")
        .file("d1.js", "d\n")
        .file("d12.js", "d\n")
        .file("top-only.js", "t\n")
        .file("lib/top-only.js", "t\n")
        .file("lib/x.spec.js", "x\n")
        .file("lib/x.js", "x\n")
        .file("test/t.js", "t\n")
        .file("lib/test/t.js", "t\n")
        .file("fixtures/f.js", "f\n")
        .file("fixtures/keep/k.js", "k\n")
        .file("src/a/internal/z.js", "z\n")
        .file("src/internal/z.js", "z\n")
        .file("src/a/public/z.js", "z\n")
        .bytes("bad/.npmignore", new byte[] {(byte) 0xff, (byte) 0xfe, '\n', '*', '.', 't', '\n'})
        .file("bad/x.t", "t\n")
        .file("bad/x.u", "u\n")
        .dir();
  }

  /** (d) bins (pacote forces +x only on bins one level deep), a scoped name, odd modes. */
  static Path binScoped(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            """
            {"name":"@quoll-test/tool","version":"3.1.4",
             "bin":{"tool":"./cli.js","other":"bin/other.js","deep":"bin/x/deep.js"}}
            """)
        .file("cli.js", "#!/usr/bin/env node\n", 0644)
        .file("bin/other.js", "#!/usr/bin/env node\n", 0644)
        .file("bin/x/deep.js", "#!/usr/bin/env node\n", 0644)
        .file("scripts/run.sh", "#!/bin/sh\n", 0755)
        .file("group-writable.js", "g\n", 0664)
        .file("private.key", "k\n", 0600)
        .file("readonly.txt", "r\n", 0444)
        .file("owner-only-exec", "x\n", 0700)
        .file("node_modules/.bin/tool", "x\n", 0755)
        .dir();
  }

  /** {@code directories.bin} instead of {@code bin}. */
  static Path binDirectory(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            "{\"name\":\"bin-directory\",\"version\":\"1.0.0\",\"directories\":{\"bin\":\"./b\"}}\n")
        .file("b/one", "#!/bin/sh\n", 0644)
        .file("b/two.js", "#!/bin/sh\n", 0644)
        .file("b/.hidden", "h\n", 0644)
        .file("one", "not a bin\n", 0644)
        .dir();
  }

  /** (e) paths over 100 and 155 bytes, non-ASCII names, and names that stress the sort. */
  static Path longUnicode(Path dir) {
    String longDir = "a-very-long-directory-name-" + "x".repeat(60);
    String longFile = "a-long-file-name-" + "y".repeat(80) + ".js";
    return PackFixtures.at(dir)
        .file("package.json", "{\"name\":\"long-unicode\",\"version\":\"1.0.0\"}\n")
        .file(longDir + "/" + longFile, "long\n")
        .file(longDir + "/short.js", "short\n")
        .file(longDir + "/" + longDir + "/" + longDir + "/deep.js", "deep\n")
        .file("z".repeat(120) + ".txt", "unsplittable\n")
        .file("ünïcödé.js", "u\n")
        .file("日本語/ファイル.txt", "j\n")
        .file("emoji-😀.md", "e\n")
        .file("ü".repeat(60) + "/" + "é".repeat(30) + ".js", "u\n")
        .file("a-b.js", "1\n")
        .file("a_b.js", "2\n")
        .file("A.js", "3\n")
        .file("a.JS", "4\n")
        .file("10.js", "5\n")
        .file("9.js", "6\n")
        .file("@scoped-looking.js", "7\n")
        .file(".eslintrc", "8\n")
        .file("Zeta.txt", "9\n")
        .file("zeta.txt", "10\n")
        .file("file.tar.gz", "11\n")
        .file("noext", "12\n")
        .file("lib/Index.js", "13\n")
        .file("lib/index.mjs", "14\n")
        .file("big.bin", "b".repeat(70_000))
        .file("exact512.bin", "e".repeat(512))
        .file("n".repeat(91), "99 bytes with package/\n")
        .file("o".repeat(92), "100 bytes\n")
        .file("p".repeat(93), "101 bytes\n")
        .file("q".repeat(100), "basename of exactly 100 bytes\n")
        .file("r".repeat(101), "basename of 101 bytes\n")
        .file("d".repeat(73) + "/" + "e".repeat(73) + "/f.js", "prefix of 155 bytes\n")
        .file("d".repeat(73) + "/" + "g".repeat(74) + "/f.js", "prefix of 156 bytes\n")
        .file("é".repeat(50) + "/" + "ü".repeat(60) + ".js", "non-ASCII split\n")
        .file("ß".repeat(120) + ".txt", "non-ASCII unsplittable\n")
        .file("😀".repeat(60) + ".txt", "surrogate pairs cut by node-tar's slice\n")
        .dir();
  }

  /** Bundled dependencies (hoisted and nested), a skipped devDependency, and a hard link. */
  static Path bundled(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            """
            {"name":"bundled","version":"1.0.0",
             "dependencies":{"dep-a":"1","@s/dep-b":"1","not-bundled":"1"},
             "devDependencies":{"dev-dep":"1"},
             "bundleDependencies":["dep-a","@s/dep-b","dev-dep","missing"]}
            """)
        .file("index.js", "i\n")
        .hardlink("index-link.js", "index.js")
        .file(
            "node_modules/dep-a/package.json",
            "{\"name\":\"dep-a\",\"version\":\"1.0.0\",\"files\":[\"lib\"],"
                + "\"dependencies\":{\"dep-c\":\"1\",\"dep-d\":\"1\"}}\n")
        .file("node_modules/dep-a/lib/a.js", "a\n")
        .file(
            "node_modules/dep-a/node_modules/dep-d/package.json",
            "{\"name\":\"dep-d\",\"version\":\"1.0.0\",\"optionalDependencies\":{\"dep-e\":\"1\"}}\n")
        .file("node_modules/dep-a/node_modules/dep-d/d.js", "d\n")
        .file("node_modules/dep-a/node_modules/dep-e/package.json", "{\"name\":\"dep-e\"}\n")
        .file("node_modules/dep-a/node_modules/dep-e/e.js", "e\n")
        .file("node_modules/dep-a/node_modules/unused/u.js", "u\n")
        .file("node_modules/dep-a/test/t.js", "t\n")
        .file("node_modules/dep-a/.npmignore", "lib\n")
        .file("node_modules/dep-c/package.json", "{\"name\":\"dep-c\",\"version\":\"1.0.0\"}\n")
        .file("node_modules/dep-c/c.js", "c\n")
        .file("node_modules/dep-c/.npmrc", "x\n")
        .file(
            "node_modules/@s/dep-b/package.json", "{\"name\":\"@s/dep-b\",\"version\":\"1.0.0\"}\n")
        .file("node_modules/@s/dep-b/b.js", "b\n")
        .file("node_modules/@s/dep-b/.gitignore", "b.js\n")
        .file("node_modules/@s/dep-b/sub/.npmignore", "x.js\n")
        .file("node_modules/@s/dep-b/sub/x.js", "x\n")
        .file("node_modules/dev-dep/package.json", "{\"name\":\"dev-dep\",\"version\":\"1.0.0\"}\n")
        .file("node_modules/not-bundled/package.json", "{\"name\":\"not-bundled\"}\n")
        .dir();
  }

  /**
   * A bundled dependency that is a symlink: link nodes obey their .npmignore and npm's defaults.
   */
  static Path linkedBundle(Path dir) {
    PackFixtures.at(dir.resolveSibling("linked-bundle-target"))
        .file("package.json", "{\"name\":\"linked\",\"version\":\"1.0.0\"}\n")
        .file("index.js", "l\n")
        .file("ignored.js", "x\n")
        .file(".npmignore", "ignored.js\n")
        .file(".npmrc", "x\n")
        .file("sub/.DS_Store", "x\n")
        .file("sub/s.js", "s\n");
    return PackFixtures.at(dir)
        .file(
            "package.json",
            """
            {"name":"linked-bundle","version":"1.0.0","dependencies":{"linked":"file:../x"},
             "bundleDependencies":true}
            """)
        .file("index.js", "i\n")
        .symlink("node_modules/linked", "../../linked-bundle-target")
        .dir();
  }

  /** A workspaces root: npm-packlist then reads sub-folders' package.json as ignore files. */
  static Path workspaces(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            "{\"name\":\"ws-root\",\"version\":\"1.0.0\",\"workspaces\":[\"packages/*\"]}\n")
        .file("index.js", "i\n")
        .file("packages/a/package.json", "{\"name\":\"a\",\"version\":\"1.0.0\"}\n")
        .file("packages/a/index.js", "a\n")
        .file("packages/a/.npmignore", "index.js\n")
        .file("other/package.json", "{\"name\":\"other\"}\n")
        .file("other/x.js", "x\n")
        .file("other/.gitignore", "x.js\n")
        .dir();
  }

  /** Always-included files (main, browser, README/LICENSE variants) against ignore rules. */
  static Path strictRules(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            """
            {"name":"strict-rules","version":"1.0.0","main":"./lib/ignored.js",
             "browser":{"./x.js":false},
             "files":["/lib/kept.js","!lib/kept.js","lib/sub/","link.js", "docs"]}
            """)
        .file("lib/ignored.js", "m\n")
        .file("lib/kept.js", "k\n")
        .file("lib/other.js", "o\n")
        .file("lib/sub/a.js", "a\n")
        .file("lib/sub/README.md", "r\n")
        .file("lib/sub/.npmignore", "a.js\n")
        .file("docs/README", "r\n")
        .file("readme.md~", "backup\n")
        .file("README$", "odd\n")
        .file("Readme.markdown", "r\n")
        .file("LICENSE-MIT", "l\n")
        .file("licence.txt", "l\n")
        .file("COPYING.md", "c\n")
        .file("[object Object]", "browser\n")
        .file("real.js", "r\n")
        .symlink("link.js", "real.js")
        .dir();
  }

  /** Nested .npmignore files re-including what a parent excluded, and directory-only rules. */
  static Path nestedNegation(Path dir) {
    return PackFixtures.at(dir)
        .file("package.json", "{\"name\":\"nested-negation\",\"version\":\"1.0.0\"}\n")
        .file(".npmignore", "*.js\n!/keep.js\nlogs/\ntmp\n**/generated/**\n")
        .file("keep.js", "k\n")
        .file("drop.js", "d\n")
        .file("logs", "a file named logs\n")
        .file("sub/logs/x.txt", "x\n")
        .file("sub/.npmignore", "!*.js\n")
        .file("sub/a.js", "a\n")
        .file("sub/tmp", "tmp file\n")
        .file("sub/deeper/b.js", "b\n")
        .file("sub/deeper/generated/g.txt", "g\n")
        .file("tmp/t.txt", "t\n")
        .file("Sub2/UPPER.JS", "u\n")
        .dir();
  }

  /** Workspace patterns matching no package folder: no workspaces map, nested rules apply. */
  static Path workspacesUnmatched(Path dir) {
    return PackFixtures.at(dir)
        .file(
            "package.json",
            "{\"name\":\"ws-none\",\"version\":\"1.0.0\","
                + "\"workspaces\":{\"packages\":[\"pkgs/*\",\"!other\",\"other\"]}}\n")
        .file("pkgs/no-manifest/x.js", "x\n")
        .file("pkgs/no-manifest/.npmignore", "x.js\n")
        .file("other/y.js", "y\n")
        .file("other/.npmignore", "y.js\n")
        .dir();
  }
}
