package dev.quoll.client.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small registries and root manifests (seeded, so failures reproduce): 6-9 packages with 1-4
 * versions each, dependencies with caret, tilde, star and union ranges onto existing major versions
 * (cycles allowed), some peer, peerOptional and optional dependencies, a missing optional package,
 * deprecated versions and platform-restricted optional packages.
 */
final class ScenarioGenerator {
  private static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0", "3.0.0"};

  private ScenarioGenerator() {}

  static List<NpmDifferentialTest.Scenario> generate(int count, long seed) {
    List<NpmDifferentialTest.Scenario> out = new ArrayList<>();
    Random rnd = new Random(seed);
    for (int i = 0; i < count; i++) {
      out.add(one("gen" + i, rnd));
    }
    return out;
  }

  private static NpmDifferentialTest.Scenario one(String id, Random rnd) {
    int n = 6 + rnd.nextInt(4);
    int peerBias = rnd.nextInt(4);
    List<String> names = new ArrayList<>();
    List<List<String>> versions = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      names.add(p == 0 && rnd.nextBoolean() ? "@s/p" + p : "p" + p);
      List<String> vs = new ArrayList<>();
      int start = rnd.nextInt(3);
      int k = 1 + rnd.nextInt(4);
      for (int v = start; v < VERSIONS.length && vs.size() < k; v += 1 + rnd.nextInt(2)) {
        vs.add(VERSIONS[v]);
      }
      versions.add(vs);
    }
    StringBuilder reg = new StringBuilder();
    for (int p = 0; p < n; p++) {
      for (String v : versions.get(p)) {
        reg.append(names.get(p)).append('@').append(v);
        List<String> deps = new ArrayList<>();
        int nd = rnd.nextInt(4);
        for (int d = 0; d < nd; d++) {
          int t = rnd.nextInt(n);
          if (t == p) {
            continue;
          }
          String dep = names.get(t) + "@" + range(versions.get(t), rnd);
          if (deps.stream().anyMatch(x -> x.startsWith(names.get(t) + "@"))) {
            continue;
          }
          int kind = rnd.nextInt(20);
          if (kind < 3 + peerBias) {
            dep += " (peer)";
          } else if (kind == 3) {
            dep += " (peerOptional)";
          } else if (kind == 4) {
            dep += " (optional)";
          }
          deps.add(dep);
        }
        if (rnd.nextInt(15) == 0) {
          deps.add("zz-missing@^1 (optional)");
        }
        if (!deps.isEmpty()) {
          reg.append(" -> ").append(String.join(", ", deps));
        }
        if (rnd.nextInt(12) == 0) {
          reg.append(" [deprecated]");
        }
        if (rnd.nextInt(15) == 0) {
          reg.append(" [os=darwin]");
        }
        if (rnd.nextInt(6) == 0) {
          reg.append(" [license=MIT]");
        }
        reg.append('\n');
      }
    }
    StringBuilder pj = new StringBuilder("{\"name\":\"" + id + "\",\"version\":\"1.0.0\"");
    List<String> used = new ArrayList<>();
    pj.append(",\"dependencies\":{");
    int roots = 2 + rnd.nextInt(3);
    List<String> entries = new ArrayList<>();
    for (int r = 0; r < roots; r++) {
      int t = rnd.nextInt(n);
      if (used.contains(names.get(t))) {
        continue;
      }
      used.add(names.get(t));
      entries.add("\"" + names.get(t) + "\":\"" + range(versions.get(t), rnd) + "\"");
    }
    pj.append(String.join(",", entries)).append("}");
    if (rnd.nextBoolean()) {
      int t = rnd.nextInt(n);
      if (!used.contains(names.get(t))) {
        pj.append(",\"devDependencies\":{\"")
            .append(names.get(t))
            .append("\":\"")
            .append(range(versions.get(t), rnd))
            .append("\"}");
      }
    }
    if (rnd.nextInt(5) == 0) {
      int t = rnd.nextInt(n);
      pj.append(",\"overrides\":{\"")
          .append(names.get(t))
          .append("\":\"")
          .append(versions.get(t).getLast())
          .append("\"}");
    }
    pj.append("}");
    List<String> args =
        switch (rnd.nextInt(8)) {
          case 0 -> List.of("--legacy-peer-deps");
          case 1 -> List.of("--force");
          default -> List.of();
        };
    return new NpmDifferentialTest.Scenario(id, reg.toString(), pj.toString(), args);
  }

  /** Newer versions for a registry text: each package's highest version gets a x.9.0 sibling. */
  static String bumps(String registry) {
    java.util.Map<String, String> highest = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> line = new java.util.LinkedHashMap<>();
    for (String l : registry.split("\n")) {
      if (l.isBlank()) {
        continue;
      }
      String head = l.split(" ")[0];
      int at = head.lastIndexOf('@');
      String name = head.substring(0, at);
      String v = head.substring(at + 1);
      if (!highest.containsKey(name)
          || dev.quoll.semver.Semver.gt(v, highest.get(name), dev.quoll.semver.Options.STRICT)) {
        highest.put(name, v);
        line.put(name, l.substring(head.length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    highest.forEach(
        (name, v) -> {
          String major = v.substring(0, v.indexOf('.'));
          sb.append(name)
              .append('@')
              .append(major)
              .append(".9.0")
              .append(line.get(name))
              .append('\n');
        });
    return sb.toString();
  }

  /** package.json with one more dependency (the first registry package it lacks), at {@code *}. */
  static String withExtraDependency(String packageJson, String registry) {
    for (String l : registry.split("\n")) {
      if (l.isBlank()) {
        continue;
      }
      String head = l.split(" ")[0];
      String name = head.substring(0, head.lastIndexOf('@'));
      if (!packageJson.contains("\"" + name + "\"")) {
        return packageJson.replace(
            "\"dependencies\":{", "\"dependencies\":{\"" + name + "\":\"*\",");
      }
    }
    return packageJson;
  }

  private static String range(List<String> vs, Random rnd) {
    String v = vs.get(rnd.nextInt(vs.size()));
    String major = v.substring(0, v.indexOf('.'));
    return switch (rnd.nextInt(6)) {
      case 0 -> "*";
      case 1 -> "~" + v;
      case 2 -> "^" + major + " || ^" + (Integer.parseInt(major) + 1);
      case 3 -> ">=" + v;
      default -> "^" + major;
    };
  }
}
