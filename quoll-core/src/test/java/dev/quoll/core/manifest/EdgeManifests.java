package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-written package folders for the normalisation oracle test: a package.json text plus the
 * files the folder steps look at. Expected results come from npm's code at test time.
 */
final class EdgeManifests {
  /**
   * @param name a label for failure messages
   * @param packageJson the package.json text
   * @param files other files of the folder, path → content ({@code "dir/"} paths make folders)
   */
  record Case(String name, String packageJson, Map<String, String> files) {}

  private EdgeManifests() {}

  static List<Case> all() {
    return List.of(
        new Case("empty", "{}", Map.of()),
        new Case("name only", "{\"name\":\"x\"}", Map.of()),
        new Case("untrimmed name", "{\"name\":\"  x  \",\"version\":\"1.0.0\"}", Map.of()),
        new Case("scoped", "{\"name\":\"@s/x\",\"version\":\"v1.2.3\"}", Map.of()),
        new Case("loose version", "{\"name\":\"x\",\"version\":\"=v01.02.03-01+b\"}", Map.of()),
        new Case("version prerelease", "{\"name\":\"x\",\"version\":\" 1.2.3beta \"}", Map.of()),
        new Case("version number", "{\"name\":\"x\",\"version\":0}", Map.of()),
        new Case(
            "underscores",
            "{\"name\":\"x\",\"version\":\"1.0.0\",\"_id\":\"y@2\",\"_from\":\"a\",\"_resolved\":\"b\"}",
            Map.of()),
        new Case(
            "bundled typo",
            "{\"name\":\"x\",\"bundledDependencies\":[\"a\",\"b\"],\"dependencies\":{\"a\":\"1\"}}",
            Map.of()),
        new Case(
            "bundle true",
            "{\"name\":\"x\",\"bundleDependencies\":true,\"dependencies\":{\"a\":\"1\",\"b\":\"2\"}}",
            Map.of()),
        new Case("bundle false", "{\"name\":\"x\",\"bundleDependencies\":false}", Map.of()),
        new Case(
            "bundle object",
            "{\"name\":\"x\",\"bundleDependencies\":{\"a\":\"1\"},\"dependencies\":{\"a\":\"1\"}}",
            Map.of()),
        new Case("bundle string", "{\"name\":\"x\",\"bundleDependencies\":\"a\"}", Map.of()),
        new Case(
            "optional dedupe",
            "{\"name\":\"x\",\"dependencies\":{\"a\":\"1\",\"b\":\"2\"},\"optionalDependencies\":{\"a\":\"1\"}}",
            Map.of()),
        new Case(
            "optional dedupe all",
            "{\"name\":\"x\",\"dependencies\":{\"a\":\"1\"},\"optionalDependencies\":{\"a\":\"1\"}}",
            Map.of()),
        new Case(
            "scripts",
            """
            {"name":"x","scripts":{"test":"./node_modules/.bin/mocha","b":"node_modules/.bin/tsc -p .",
            "c":"node_modules\\\\.bin\\\\x","d":5,"e":"echo node_modules/.bin/x"}}""",
            Map.of()),
        new Case("scripts string", "{\"name\":\"x\",\"scripts\":\"x\"}", Map.of()),
        new Case("scripts null", "{\"name\":\"x\",\"scripts\":null}", Map.of()),
        new Case("funding string", "{\"name\":\"x\",\"funding\":\"https://x.org/f\"}", Map.of()),
        new Case(
            "bin string",
            "{\"name\":\"x\",\"bin\":\"./bin/../cli.js\"}",
            Map.of("cli.js", "#!/usr/bin/env node\n")),
        new Case(
            "bin string scoped", "{\"name\":\"@s/x\",\"bin\":\"cli.js\"}", Map.of("cli.js", "")),
        new Case(
            "bin array", "{\"name\":\"x\",\"bin\":[\"bin/a.js\",\"./b\"]}", Map.of("bin/a.js", "")),
        new Case(
            "bin object weird",
            """
            {"name":"x","bin":{"../../evil":"../../../etc/passwd","a/b":"c\\\\d:e","":"x","n":5,
            "ok":"./ok.js","slash":"/","dot":"."}}""",
            Map.of("ok.js", "")),
        new Case(
            "directories.bin",
            "{\"name\":\"x\",\"directories\":{\"bin\":\"./scripts\"}}",
            Map.of(
                "scripts/one",
                "",
                "scripts/two.js",
                "",
                "scripts/.hidden",
                "",
                "scripts/sub/three",
                "")),
        new Case(
            "directories.bin missing",
            "{\"name\":\"x\",\"directories\":{\"bin\":\"nope\"}}",
            Map.of()),
        new Case(
            "directories.bin with bin",
            "{\"name\":\"x\",\"bin\":{\"a\":\"a.js\"},\"directories\":{\"bin\":\"scripts\"}}",
            Map.of("scripts/one", "")),
        new Case("gyp", "{\"name\":\"x\",\"version\":\"1.0.0\"}", Map.of("binding.gyp", "{}")),
        new Case(
            "gyp with install",
            "{\"name\":\"x\",\"scripts\":{\"install\":\"node-gyp-build\"}}",
            Map.of("binding.gyp", "{}")),
        new Case("gyp false", "{\"name\":\"x\",\"gypfile\":false}", Map.of("binding.gyp", "{}")),
        new Case(
            "gyp and server",
            "{\"name\":\"x\",\"scripts\":{\"test\":\"t\"}}",
            Map.of("a.gyp", "{}", "server.js", "")),
        new Case("server", "{\"name\":\"x\"}", Map.of("server.js", "")),
        new Case(
            "authors",
            "{\"name\":\"x\"}",
            Map.of("AUTHORS", "# list\nA <a@x.org>\r\n  \n   # c\nB (http://b.org)\n")),
        new Case(
            "authors with contributors",
            "{\"name\":\"x\",\"contributors\":[\"C\"]}",
            Map.of("AUTHORS", "A\n")),
        new Case(
            "readme md",
            "{\"name\":\"x\"}",
            Map.of(
                "README.md",
                "# Title\n\nFirst para line one\nline two\n\n## More\ntext\n",
                "README",
                "plain")),
        new Case("readme plain", "{\"name\":\"x\"}", Map.of("README", "Just text.\nMore.")),
        new Case("readme txt", "{\"name\":\"x\"}", Map.of("README.txt", "Text readme")),
        new Case("readme lower", "{\"name\":\"x\"}", Map.of("readme.markdown", "lower md")),
        new Case("readme dir", "{\"name\":\"x\"}", Map.of("README/", "")),
        new Case("readme empty", "{\"name\":\"x\"}", Map.of("README.md", "")),
        new Case(
            "readme given",
            "{\"name\":\"x\",\"readme\":\"mine\",\"description\":\"d\"}",
            Map.of("README.md", "theirs")),
        new Case(
            "mans",
            "{\"name\":\"x\",\"directories\":{\"man\":\"./man\"}}",
            Map.of("man/x.1", "", "man/sub/y.5", "", "man/notes.txt", "", "man/.z.1", "")),
        new Case("man string", "{\"name\":\"x\",\"man\":\"./man/../x.1\"}", Map.of()),
        new Case("man array", "{\"name\":\"x\",\"man\":[\"a.1\",5,\"/b.2\"]}", Map.of()),
        new Case(
            "git head ref",
            "{\"name\":\"x\"}",
            Map.of(
                ".git/HEAD", "ref: refs/heads/main\n",
                ".git/refs/heads/main", "0123456789abcdef0123456789abcdef01234567\n")),
        new Case(
            "git head packed",
            "{\"name\":\"x\"}",
            Map.of(
                ".git/HEAD",
                "ref: refs/heads/dev\n",
                ".git/packed-refs",
                "# pack-refs\nfedcba9876543210fedcba9876543210fedcba98 refs/heads/dev\n")),
        new Case(
            "git head detached",
            "{\"name\":\"x\",\"version\":\"1.0.0\"}",
            Map.of(".git/HEAD", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")),
        new Case(
            "types", "{\"name\":\"x\",\"main\":\"lib/index.js\"}", Map.of("lib/index.d.ts", "")),
        new Case("types default", "{\"name\":\"x\"}", Map.of("index.d.ts", "")),
        new Case(
            "types present", "{\"name\":\"x\",\"typings\":\"t.d.ts\"}", Map.of("index.d.ts", "")),
        new Case("repository shorthands", "{\"name\":\"x\",\"repository\":\"npm/cli\"}", Map.of()),
        new Case(
            "repository gitlab",
            "{\"name\":\"x\",\"repository\":\"gitlab:group/sub/proj\"}",
            Map.of()),
        new Case(
            "repository bitbucket",
            "{\"name\":\"x\",\"repository\":{\"type\":\"git\",\"url\":\"bitbucket:u/r\"}}",
            Map.of()),
        new Case(
            "repository gist", "{\"name\":\"x\",\"repository\":\"gist:11081aaa281\"}", Map.of()),
        new Case(
            "repository scp",
            "{\"name\":\"x\",\"repository\":{\"type\":\"git\",\"url\":\"git@github.com:u/r.git\",\"directory\":\"p\"}}",
            Map.of()),
        new Case(
            "repository http",
            "{\"name\":\"x\",\"repository\":\"http://github.com/U/R\"}",
            Map.of()),
        new Case(
            "repository https tree",
            "{\"name\":\"x\",\"repository\":\"https://www.github.com/u/r/tree/main\"}",
            Map.of()),
        new Case(
            "repository unknown host",
            "{\"name\":\"x\",\"repository\":\"https://example.com/u/r.git\",\"homepage\":\"example.com\"}",
            Map.of()),
        new Case(
            "repositories",
            "{\"name\":\"x\",\"repositories\":[{\"type\":\"git\",\"url\":\"git://github.com/a/b.git#v1\"}]}",
            Map.of()),
        new Case(
            "bugs variants",
            "{\"name\":\"x\",\"bugs\":{\"web\":\"https://b.org\",\"email\":\"nope\"},\"homepage\":5}",
            Map.of()),
        new Case("bugs email", "{\"name\":\"x\",\"bugs\":\"a@b.org\"}", Map.of()),
        new Case("bugs url", "{\"name\":\"x\",\"bugs\":\"https://b.org/i\"}", Map.of()),
        new Case("bugs junk", "{\"name\":\"x\",\"bugs\":\"junk\"}", Map.of()),
        new Case(
            "people",
            """
            {"name":"x","author":"  Ann Bee <ann@b.org> (https://ann.org)  ",
            "contributors":["Cee","<only@mail>",{"name":"Dee","mail":"d@e.org","web":"https://d.org"}],
            "maintainers":[{"email":"m@x.org"}]}""",
            Map.of()),
        new Case(
            "author object",
            "{\"name\":\"x\",\"author\":{\"name\":\"A\",\"url\":\"u\"}}",
            Map.of()),
        new Case(
            "keywords string",
            "{\"name\":\"x\",\"keywords\":\"a, b,c,  d\",\"files\":[\"a\",\"\",5,\"b\"]}",
            Map.of()),
        new Case(
            "keywords junk",
            "{\"name\":\"x\",\"keywords\":[\"a\",\"\",1],\"files\":\"x\"}",
            Map.of()),
        new Case(
            "deps string",
            "{\"name\":\"x\",\"dependencies\":\"a@1.0.0 b>=2, c\",\"devDependencies\":[\"d@^1\",\"e <3\",\"@s/f@2\"]}",
            Map.of()),
        new Case(
            "deps git",
            """
            {"name":"x","dependencies":{"a":"user/repo","b":"github:u/r#v1","c":"git+https://github.com/u/r.git",
            "d":"https://github.com/u/r","e":"git@github.com:u/r.git","f":"^1.0.0","g":5,"h":"gitlab:g/p",
            "i":"file:../i","j":"npm:k@1","k":"http://github.com/u/r"},"devDependencies":null}""",
            Map.of()),
        new Case(
            "bundled not deps",
            "{\"name\":\"x\",\"bundleDependencies\":[\"a\",\"\",\"b\"],\"dependencies\":{\"a\":\"1\"}}",
            Map.of()),
        new Case(
            "description",
            "{\"name\":\"x\",\"description\":[\"not\",\"string\"],\"modules\":{\"a\":1},\"licence\":\"MIT\"}",
            Map.of("README.markdown", "\n\n# H\n\n\nDesc here\n")),
        new Case(
            "typos",
            "{\"name\":\"x\",\"dependancies\":{},\"repo\":\"a/b\",\"script\":{},\"license\":\"\"}",
            Map.of()),
        new Case(
            "homepage bare",
            "{\"name\":\"x\",\"homepage\":\"www.example.com/x\",\"license\":\"MIT\"}",
            Map.of()),
        new Case(
            "integer keys",
            "{\"name\":\"x\",\"scripts\":{\"2\":\"b\",\"1\":\"a\",\"z\":\"c\"},\"bin\":{\"9\":\"n.js\"}}",
            Map.of("n.js", "")));
  }

  /**
   * Random package folders: a manifest using the fields the folder steps read, and a random set of
   * the files they look for (at most one markdown README, so npm's unordered directory listing
   * cannot pick a different one).
   */
  static List<Case> generated(int count, long seed) {
    Random random = new Random(seed);
    List<String> readmes = List.of("README.md", "readme.markdown", "README.mkd", "Readme.Md");
    Map<String, String> pool = new LinkedHashMap<>();
    pool.put("README", "Plain readme.\nSecond line.");
    pool.put("readme.txt", "text");
    pool.put("binding.gyp", "{}");
    pool.put("x.gyp", "{}");
    pool.put(".hidden.gyp", "{}");
    pool.put("server.js", "");
    pool.put("AUTHORS", "# authors\nA <a@b.org>\n\nB\n");
    pool.put("index.d.ts", "");
    pool.put("lib/main.d.ts", "");
    pool.put("main.d.ts", "");
    pool.put("bin/a", "");
    pool.put("bin/sub/b", "");
    pool.put("bin/.c", "");
    pool.put("cli.js", "");
    pool.put("man/a.1", "");
    pool.put("man/sub/b.8", "");
    pool.put("man/c.txt", "");
    pool.put(".git/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode m = JsonNodeFactory.instance.objectNode();
      m.put("name", "g" + i);
      m.put("version", "1.0." + i);
      if (random.nextInt(3) == 0) {
        m.put("main", random.nextBoolean() ? "lib/main.js" : "main.js");
      }
      if (random.nextInt(3) == 0) {
        ObjectNode dirs = m.putObject("directories");
        if (random.nextBoolean()) {
          dirs.put("bin", random.nextBoolean() ? "bin" : "./bin/");
        }
        if (random.nextBoolean()) {
          dirs.put("man", "man");
        }
      }
      if (random.nextInt(4) == 0) {
        m.put("bin", "cli.js");
      }
      if (random.nextInt(3) == 0) {
        m.putObject("scripts")
            .put(List.of("install", "preinstall", "start", "test").get(random.nextInt(4)), "x");
      }
      if (random.nextInt(6) == 0) {
        m.put("gypfile", false);
      }
      if (random.nextInt(6) == 0) {
        m.putArray("contributors").add("Q");
      }
      if (random.nextInt(6) == 0) {
        m.put("readme", "given");
      }
      if (random.nextInt(6) == 0) {
        m.put("types", "t.d.ts");
      }
      Map<String, String> files = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        files.put(readmes.get(random.nextInt(readmes.size())), "# T\n\nGenerated " + i + "\n");
      }
      pool.forEach(
          (k, v) -> {
            if (random.nextInt(3) == 0) {
              files.put(k, v);
            }
          });
      out.add(new Case("generated " + i, Json.stringify(m, "  "), files));
    }
    return out;
  }
}
