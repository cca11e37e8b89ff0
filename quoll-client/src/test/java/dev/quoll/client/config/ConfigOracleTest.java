package dev.quoll.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential tests of the config layer against npm 11.19.1's own libraries (ini, nerf-dart,
 * npm-registry-fetch's getAuth, @npmcli/config's load), each batch in one node run.
 */
class ConfigOracleTest {
  /** Absolute paths inside the installed npm (its package "exports" hide the bundled modules). */
  private static final String NPM =
      "' + require('path').join(process.env.NODE_PATH, 'npm/node_modules') + '/";

  private static NpmOracle oracle() {
    return NpmOracle.install(OraclePackages.NPM);
  }

  @Test
  void iniParsesLikeNpmsIni() {
    List<String> cases =
        List.of(
            "registry=https://r.example/\n",
            "a = 1\nb=two words ; comment\nc = \"quoted ; not comment\"\nd='single'\n",
            "flag\nt=true\nf=false\nn=null\n",
            "# comment\n; comment\n\n  x = y  \r\ny=z\r\n",
            "arr[]=1\narr[]=2\nsingle[]=only\n",
            "esc=a\\;b\\#c\\\\d\\e\n",
            "[section]\nk=v\n[a.b]\nx=1\n[a]\ny=2\n[dotted\\.name]\nz=3\n",
            "//registry.example/:_authToken=${TOKEN}\n@scope:registry=https://s.example/\n",
            "=novalue\nkey=\nkey2 = = x\n__proto__=bad\n[__proto__]\nq=1\n",
            "quoted=\"{\\\"a\\\":1}\"\nnum=\"1\"\nbad=\"unterminated\n",
            "k=v#hash\nk2=v ;semi\nk3 = \" spaced \"\n",
            "dup=1\ndup=2\n");
    JsonNode expected =
        oracle()
            .run(
                "const ini = require('" + NPM + "ini'); output(input.map(t => ini.parse(t)));",
                cases);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode mine = Ini.parse(cases.get(i));
      if (!mine.equals(expected.get(i))) {
        mismatches.add(cases.get(i) + "\n  npm:   " + expected.get(i) + "\n  quoll: " + mine);
      }
    }
    if (!mismatches.isEmpty()) {
      fail(
          mismatches.size()
              + " mismatches:\n"
              + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }
  }

  @Test
  void nerfDartsAndCredentialsMatchNpmRegistryFetch() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("registry", "https://registry.example/");
    conf.put("//registry.example/:_authToken", "tok-default");
    conf.put("@corp:registry", "https://npm.corp.example:8443/npm/");
    conf.put("//npm.corp.example:8443/npm/:username", "alice");
    conf.put("//npm.corp.example:8443/npm/:_password", "c2VjcmV0");
    conf.put("//deep.example/a/b/:_auth", "Ym9iOnB3");
    conf.put("//deep.example/a/:_authToken", "tok-a");
    conf.put("//only-user.example/:username", "nopass");
    conf.put("//certs.example/:certfile", "/c");
    conf.put("//certs.example/:keyfile", "/k");
    List<String[]> cases = new ArrayList<>();
    String[] names = {"lodash", "@corp/tool", "@other/x"};
    String[] urls = {
      "https://registry.example/lodash",
      "https://registry.example/lodash/-/lodash-1.0.0.tgz",
      "https://registry.example:444/lodash",
      "http://registry.example/lodash",
      "https://registry.example.evil/lodash",
      "https://evil.example/registry.example/lodash",
      "https://npm.corp.example:8443/npm/@corp%2ftool",
      "https://npm.corp.example:8443/other/@corp/tool/-/tool-1.tgz",
      "https://npm.corp.example/npm/@corp%2ftool",
      "https://cdn.example/@corp/tool/-/tool-1.tgz",
      "https://deep.example/a/b/c/pkg",
      "https://deep.example/a/bc",
      "https://deep.example/a",
      "https://deep.example/",
      "https://only-user.example/x",
      "https://certs.example/x",
    };
    for (String n : names) {
      for (String u : urls) {
        cases.add(new String[] {n, u});
      }
    }
    ObjectNode input = Json.object();
    conf.forEach(input.putObject("conf")::put);
    ArrayNode arr = input.putArray("cases");
    for (String[] c : cases) {
      arr.addObject().put("spec", c[0]).put("url", c[1]);
    }
    JsonNode expected =
        oracle()
            .run(
                "const getAuth = require('"
                    + NPM
                    + "npm-registry-fetch/lib/auth.js');\n"
                    + "const nerf = require('"
                    + NPM
                    + "@npmcli/config/lib/nerf-dart.js');\n"
                    + "output(input.cases.map(c => { const a = getAuth(c.url, {...input.conf, spec: c.spec});\n"
                    + "  return [a.token ? 'Bearer ' + a.token : a.auth ? 'Basic ' + a.auth : null, nerf(c.url)]; }));",
                input);
    NpmConfig config = new NpmConfig(Map.of(ConfigSource.USER, conf));
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String[] c = cases.get(i);
      String registry = config.registryFor(c[0]);
      // npm compares the URL with the registry exactly as configured (here: with the slash)
      String mine = config.credentialsFor(c[1], registry).authorization().orElse(null);
      String theirs = expected.get(i).get(0).isNull() ? null : expected.get(i).get(0).asText();
      String myNerf = NerfDart.of(c[1]);
      if (!java.util.Objects.equals(mine, theirs)
          || !myNerf.equals(expected.get(i).get(1).asText())) {
        mismatches.add(
            c[0]
                + " "
                + c[1]
                + ": npm "
                + theirs
                + " "
                + expected.get(i).get(1)
                + ", quoll "
                + mine
                + " "
                + myNerf);
      }
    }
    assertEquals(List.of(), mismatches, cases.size() + " cases");
  }

  @Test
  void layersAndPrecedenceMatchNpmcliConfig(@TempDir Path tmp) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path prefix = Files.createDirectories(tmp.resolve("prefix"));
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Path sub = Files.createDirectories(project.resolve("src/deep"));
    Files.writeString(project.resolve("package.json"), "{}");
    Files.createDirectories(prefix.resolve("etc"));
    Files.writeString(
        prefix.resolve("etc/npmrc"),
        "registry=https://global.example/\nfetch-retries=7\ncolor=false\nglobal-only=g\n");
    Files.writeString(
        home.resolve(".npmrc"),
        "registry=https://user.example/\n//user.example/:_authToken=${TOKEN}\nuser-only=${MISSING}\nopt=${MISSING?}x\n");
    Files.writeString(
        project.resolve(".npmrc"),
        "@scope:registry = https://scope.example/\nprefer-offline=true\nproject-only=p\n");
    Path altUser = tmp.resolve("alt-npmrc");
    Files.writeString(altUser, "registry=https://alt.example/\n");
    List<String> keys =
        List.of(
            "registry",
            "@scope:registry",
            "//user.example/:_authToken",
            "fetch-retries",
            "prefer-offline",
            "user-only",
            "opt",
            "project-only",
            "global-only",
            "userconfig",
            "globalconfig",
            "cache",
            "fetch-timeout");
    record Scenario(Path cwd, Map<String, String> env, Map<String, String> flags) {}
    List<Scenario> scenarios =
        List.of(
            new Scenario(sub, Map.of("TOKEN", "t0k"), Map.of()),
            new Scenario(
                sub,
                Map.of(
                    "npm_config_registry", "https://env.example/", "NPM_CONFIG_FETCH_TIMEOUT", "5"),
                Map.of()),
            new Scenario(
                sub,
                Map.of("npm_config_registry", "https://env.example/"),
                Map.of("registry", "https://cli.example/")),
            new Scenario(tmp, Map.of("npm_config_userconfig", altUser.toString()), Map.of()),
            new Scenario(
                sub,
                Map.of(),
                Map.of("globalconfig", altUser.toString(), "prefer-offline", "false")));
    ArrayNode input = Json.object().arrayNode();
    for (Scenario s : scenarios) {
      ObjectNode o = input.addObject();
      o.put("cwd", s.cwd().toString());
      ObjectNode env = o.putObject("env");
      env.put("HOME", home.toString());
      s.env().forEach(env::put);
      ArrayNode argv = o.putArray("argv");
      s.flags().forEach((k, v) -> argv.add("--" + k + "=" + v));
      o.put("execPath", prefix.resolve("bin/node").toString());
      o.put("home", home.toString());
    }
    ObjectNode all = Json.object();
    all.set("scenarios", input);
    keys.forEach(all.putArray("keys")::add);
    JsonNode expected =
        oracle()
            .run(
                "process.env.HOME = input.scenarios[0].home;\n"
                    + "const Config = require('"
                    + NPM
                    + "@npmcli/config');\n"
                    + "const { definitions, shorthands, flatten, nerfDarts } = require('"
                    + NPM
                    + "@npmcli/config/lib/definitions');\n"
                    + "(async () => { const out = [];\n"
                    + "for (const s of input.scenarios) {\n"
                    + "  const c = new Config({ definitions, shorthands, flatten, nerfDarts, npmPath: '/nonexistent',"
                    + " env: s.env, argv: ['node', 'npm', ...s.argv], cwd: s.cwd, platform: 'linux', execPath: s.execPath });\n"
                    + "  await c.load();\n"
                    + "  out.push(input.keys.map(k => { const v = c.get(k); return v === undefined || v === null ? null : String(v); }));\n"
                    + "}\n output(out); })();",
                all);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      Map<String, String> env = new LinkedHashMap<>(s.env());
      env.put("HOME", home.toString());
      NpmConfig config = new ConfigLoader(env, s.cwd(), home, prefix, s.flags(), List.of()).load();
      for (int k = 0; k < keys.size(); k++) {
        JsonNode t = expected.get(i).get(k);
        String theirs = t.isNull() ? null : t.asText();
        String mine = config.get(keys.get(k)).orElse(null);
        if (!java.util.Objects.equals(theirs, mine)) {
          mismatches.add(
              "scenario " + i + " " + keys.get(k) + ": npm " + theirs + ", quoll " + mine);
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }
}
