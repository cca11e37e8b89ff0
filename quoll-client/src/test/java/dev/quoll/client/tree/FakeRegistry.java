package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import dev.quoll.core.packument.Packument;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry described in a few lines of text, for tree tests. Each line is one version:
 *
 * <pre>
 * a@1.0.0 -> b@^1, c@^2 (peer), d@* (optional), e@1 (peerOptional) [deprecated] [os=darwin]
 * b@2.0.0-beta.1 [tag=next]
 * </pre>
 *
 * Flags in brackets: {@code deprecated}, {@code latest} (make this the latest tag; otherwise the
 * highest non-prerelease version is), {@code tag=name}, {@code os=x}, {@code cpu=x}, {@code
 * node=range} (engines.node), {@code bundle=name} (bundleDependencies), {@code license=x}, {@code
 * install} (a postinstall script), {@code bin}. Tarball URLs point at {@code baseUrl}; the
 * integrity is the sha512 of {@link TinyTarball#of}.
 */
final class FakeRegistry implements PackumentSource {
  private final Map<String, ObjectNode> packuments = new LinkedHashMap<>();
  private final Map<String, byte[]> tarballs = new LinkedHashMap<>();
  final String baseUrl;

  FakeRegistry(String text, String baseUrl) {
    this.baseUrl = baseUrl;
    Map<String, String> latest = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> flags = new ArrayList<>();
      while (line.endsWith("]")) {
        int i = line.lastIndexOf('[');
        flags.addFirst(line.substring(i + 1, line.length() - 1));
        line = line.substring(0, i).strip();
      }
      String head = line;
      String deps = "";
      int arrow = line.indexOf("->");
      if (arrow >= 0) {
        head = line.substring(0, arrow).strip();
        deps = line.substring(arrow + 2).strip();
      }
      int at = head.lastIndexOf('@');
      String name = head.substring(0, at);
      String version = head.substring(at + 1);
      ObjectNode v = Json.object();
      v.put("name", name);
      v.put("version", version);
      addDeps(v, deps);
      for (String f : flags) {
        applyFlag(v, f, name, version, latest);
      }
      byte[] tgz = TinyTarball.of(v);
      String file = name + "-" + version + ".tgz";
      String path =
          name
              + "/-/"
              + (name.contains("/")
                  ? name.substring(name.indexOf('/') + 1) + "-" + version + ".tgz"
                  : file);
      tarballs.put("/" + path, tgz);
      ObjectNode dist = v.putObject("dist");
      dist.put("tarball", baseUrl + path);
      dist.put("integrity", "sha512-" + Base64.getEncoder().encodeToString(sha512(tgz)));
      ObjectNode p = packuments.computeIfAbsent(name, FakeRegistry::emptyPackument);
      ((ObjectNode) p.get("versions")).set(version, v);
      if (flags.contains("latest")) {
        latest.put(name, version);
      }
    }
    for (Map.Entry<String, ObjectNode> e : packuments.entrySet()) {
      ObjectNode tags = (ObjectNode) e.getValue().get("dist-tags");
      String l = latest.get(e.getKey());
      if (l == null) {
        for (String ver :
            e.getValue().get("versions").properties().stream().map(Map.Entry::getKey).toList()) {
          if (Semver.prerelease(ver, Options.STRICT).isEmpty()
              && (l == null || Semver.gt(ver, l, Options.STRICT))) {
            l = ver;
          }
        }
      }
      if (l != null) {
        tags.put("latest", l);
      }
    }
  }

  private static ObjectNode emptyPackument(String name) {
    ObjectNode p = Json.object();
    p.put("_id", name);
    p.put("name", name);
    p.putObject("dist-tags");
    p.putObject("versions");
    return p;
  }

  private void applyFlag(
      ObjectNode v, String f, String name, String version, Map<String, String> latest) {
    if (f.equals("deprecated")) {
      v.put("deprecated", "do not use " + name + "@" + version);
    } else if (f.startsWith("tag=")) {
      pendingTags.add(new String[] {name, f.substring(4), version});
    } else if (f.startsWith("os=") || f.startsWith("cpu=")) {
      String k = f.substring(0, f.indexOf('='));
      v.putArray(k).add(f.substring(k.length() + 1));
    } else if (f.startsWith("node=")) {
      v.putObject("engines").put("node", f.substring(5));
    } else if (f.startsWith("bundle=")) {
      v.putArray("bundleDependencies").add(f.substring(7));
    } else if (f.startsWith("license=")) {
      v.put("license", f.substring(8));
    } else if (f.equals("install")) {
      v.putObject("scripts").put("postinstall", "node -e 1");
    } else if (f.equals("bin")) {
      v.putObject("bin").put(name.replace("@", "").replace("/", "-"), "cli.js");
    }
  }

  private final List<String[]> pendingTags = new ArrayList<>();

  private static void addDeps(ObjectNode v, String deps) {
    if (deps.isEmpty()) {
      return;
    }
    for (String d : deps.split(",")) {
      String dep = d.strip();
      String type = "prod";
      int paren = dep.indexOf('(');
      if (paren >= 0) {
        type = dep.substring(paren + 1, dep.indexOf(')')).strip();
        dep = dep.substring(0, paren).strip();
      }
      int at = dep.indexOf('@', 1);
      String name = at < 0 ? dep : dep.substring(0, at);
      String spec = at < 0 ? "*" : dep.substring(at + 1);
      String field =
          switch (type) {
            case "peer", "peerOptional" -> "peerDependencies";
            case "optional" -> "optionalDependencies";
            case "dev" -> "devDependencies";
            default -> "dependencies";
          };
      ObjectNode f = v.has(field) ? (ObjectNode) v.get(field) : v.putObject(field);
      f.put(name, spec);
      if (type.equals("optional")) {
        ObjectNode prod =
            v.has("dependencies")
                ? (ObjectNode) v.get("dependencies")
                : v.putObject("dependencies");
        prod.put(name, spec);
      }
      if (type.equals("peerOptional")) {
        ObjectNode meta =
            v.has("peerDependenciesMeta")
                ? (ObjectNode) v.get("peerDependenciesMeta")
                : v.putObject("peerDependenciesMeta");
        meta.putObject(name).put("optional", true);
      }
    }
  }

  /** The packument JSON of a package, or null. */
  ObjectNode json(String name) {
    ObjectNode p = packuments.get(name);
    if (p != null) {
      for (String[] t : pendingTags) {
        if (t[0].equals(name)) {
          ((ObjectNode) p.get("dist-tags")).put(t[1], t[2]);
        }
      }
    }
    return p;
  }

  /** The tarball served at a URL path like {@code /a/-/a-1.0.0.tgz}, or null. */
  byte[] tarball(String path) {
    return tarballs.get(path);
  }

  @Override
  public Packument packument(String name) {
    ObjectNode p = json(name);
    if (p == null) {
      throw new CoreException("E404", "404 Not Found - GET " + baseUrl + name);
    }
    return Packument.from(p);
  }

  private static byte[] sha512(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
