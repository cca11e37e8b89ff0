package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.url.WhatwgUrl;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code normalizeData} step: @npmcli/package-json 7's {@code lib/normalize-data.js}, npm's
 * port of normalize-package-data's fixers (description from the README, files, man, bugs, keywords,
 * bundleDependencies, homepage, readme, license, people, typos).
 *
 * <p>Known difference: the licence check (SPDX expression validity) is not made, so the change
 * message {@code "license should be a valid SPDX license expression"} is only recorded for a
 * licence that is not a non-blank string.
 */
final class NormalizeData {
  private static final String NO_README = "ERROR: No README data found!";

  private static final Map<String, String> TYPOS =
      java.util.Collections.unmodifiableMap(
          new java.util.LinkedHashMap<>(
              Map.ofEntries(
                  Map.entry("dependancies", "dependencies"),
                  Map.entry("dependecies", "dependencies"),
                  Map.entry("depdenencies", "dependencies"),
                  Map.entry("devEependencies", "devDependencies"),
                  Map.entry("depends", "dependencies"),
                  Map.entry("dev-dependencies", "devDependencies"),
                  Map.entry("devDependences", "devDependencies"),
                  Map.entry("devDepenencies", "devDependencies"),
                  Map.entry("devdependencies", "devDependencies"),
                  Map.entry("repostitory", "repository"),
                  Map.entry("repo", "repository"),
                  Map.entry("prefereGlobal", "preferGlobal"),
                  Map.entry("hompage", "homepage"),
                  Map.entry("hampage", "homepage"),
                  Map.entry("autohr", "author"),
                  Map.entry("autor", "author"),
                  Map.entry("contributers", "contributors"),
                  Map.entry("publicationConfig", "publishConfig"),
                  Map.entry("script", "scripts"))));

  private static final List<String> TYPO_ORDER =
      List.of(
          "dependancies",
          "dependecies",
          "depdenencies",
          "devEependencies",
          "depends",
          "dev-dependencies",
          "devDependences",
          "devDepenencies",
          "devdependencies",
          "repostitory",
          "repo",
          "prefereGlobal",
          "hompage",
          "hampage",
          "autohr",
          "autor",
          "contributers",
          "publicationConfig",
          "script");

  private NormalizeData() {}

  static void run(ObjectNode data, List<String> changes) {
    description(data, changes);
    if (JsValues.truthy(data.get("modules"))) {
      changes.add("modules field is deprecated");
      data.remove("modules");
    }
    files(data, changes);
    JsonNode man = data.get("man");
    if (man != null && man.isTextual() && !man.textValue().isEmpty()) {
      data.putArray("man").add(man);
    }
    bugs(data, changes);
    keywords(data, changes);
    bundleDependencies(data, changes);
    homepage(data, changes);
    if (!JsValues.truthy(data.get("readme"))) {
      changes.add("No README data");
      data.put("readme", NO_README);
    }
    license(data, changes);
    if (JsValues.truthy(data.get("author"))) {
      data.set("author", person(data, data.get("author")));
    }
    for (String set : List.of("maintainers", "contributors")) {
      if (data.get(set) instanceof ArrayNode people) {
        for (int i = 0; i < people.size(); i++) {
          people.set(i, person(data, people.get(i)));
        }
      }
    }
    for (String typo : TYPO_ORDER) {
      if (data.has(typo)) {
        changes.add(typo + " should probably be " + TYPOS.get(typo) + ".");
      }
    }
  }

  private static void description(ObjectNode data, List<String> changes) {
    JsonNode description = data.get("description");
    if (JsValues.truthy(description) && !description.isTextual()) {
      changes.add("'description' field should be a string");
      data.remove("description");
    }
    JsonNode readme = data.get("readme");
    if (JsValues.truthy(readme)
        && !JsValues.truthy(data.get("description"))
        && !(readme.isTextual() && readme.textValue().equals(NO_README))) {
      data.put("description", extractDescription(JsValues.toJsString(readme)));
    }
    if (!JsValues.truthy(data.get("description"))) {
      changes.add("No description");
    }
  }

  /** The first paragraph of a markdown README that is not a heading. */
  static String extractDescription(String readme) {
    String[] lines = EcmaStrings.trim(readme).split("\n", -1);
    int start = 0;
    while (start < lines.length
        && (EcmaStrings.trim(lines[start]).isEmpty()
            || EcmaStrings.trim(lines[start]).startsWith("#"))) {
      start++;
    }
    int end = start + 1;
    while (end < lines.length && !EcmaStrings.trim(lines[end]).isEmpty()) {
      end++;
    }
    if (start >= lines.length) {
      return "";
    }
    return EcmaStrings.trim(
        String.join(" ", List.of(lines).subList(start, Math.min(end, lines.length))));
  }

  private static void files(ObjectNode data, List<String> changes) {
    JsonNode files = data.get("files");
    if (JsValues.truthy(files) && !files.isArray()) {
      changes.add("Invalid 'files' member");
      data.remove("files");
    } else if (JsValues.truthy(files)) {
      ArrayNode kept = data.arrayNode();
      for (JsonNode f : files) {
        if (!JsValues.truthy(f) || !f.isTextual()) {
          changes.add("Invalid filename in 'files' list: " + JsValues.toJsString(f));
        } else {
          kept.add(f);
        }
      }
      data.set("files", kept);
    }
  }

  private static boolean isEmail(String s) {
    return s.contains("@") && s.indexOf('@') < s.lastIndexOf('.');
  }

  private static boolean canParse(JsonNode v) {
    return WhatwgUrl.canParse(v.isTextual() ? v.textValue() : JsValues.toJsString(v));
  }

  private static void bugs(ObjectNode data, List<String> changes) {
    JsonNode bugs = data.get("bugs");
    JsonNode repo = data.get("repository");
    JsonNode repoUrl = repo == null || !repo.isObject() ? null : repo.get("url");
    if (!JsValues.truthy(bugs) && JsValues.truthy(repoUrl)) {
      Optional<String> url =
          repoUrl.isTextual()
              ? HostedGit.fromUrl(repoUrl.textValue()).flatMap(HostedGit::bugs)
              : Optional.empty();
      url.ifPresent(u -> data.putObject("bugs").put("url", u));
      return;
    }
    if (!JsValues.truthy(bugs)) {
      return;
    }
    if (bugs.isTextual()) {
      String s = bugs.textValue();
      if (isEmail(s)) {
        data.putObject("bugs").put("email", s);
      } else if (WhatwgUrl.canParse(s)) {
        data.putObject("bugs").put("url", s);
      } else {
        changes.add("Bug string field must be url, email, or {email,url}");
      }
    } else {
      if (bugs instanceof ObjectNode b) {
        for (String k : ContentSteps.keys(b)) {
          if (k.equals("web") || k.equals("name")) {
            changes.add("bugs['" + k + "'] should probably be bugs['url'].");
            b.set("url", b.get(k));
            b.remove(k);
          }
        }
      }
      ObjectNode fresh = data.putObject("bugs");
      JsonNode url = bugs.isObject() ? bugs.get("url") : null;
      if (JsValues.truthy(url)) {
        if (canParse(url)) {
          fresh.set("url", url);
        } else {
          changes.add("bugs.url field must be a string url. Deleted.");
        }
      }
      JsonNode email = bugs.isObject() ? bugs.get("email") : null;
      if (JsValues.truthy(email)) {
        if (email.isTextual() && isEmail(email.textValue())) {
          fresh.set("email", email);
        } else {
          changes.add("bugs.email field must be a string email. Deleted.");
        }
      }
    }
    JsonNode now = data.get("bugs");
    if (!now.isObject()
        || (!JsValues.truthy(now.get("email")) && !JsValues.truthy(now.get("url")))) {
      data.remove("bugs");
      changes.add("Normalized value of bugs field is an empty object. Deleted.");
    }
  }

  private static void keywords(ObjectNode data, List<String> changes) {
    JsonNode kw = data.get("keywords");
    if (kw != null && kw.isTextual()) {
      ArrayNode arr = data.arrayNode();
      for (String s : kw.textValue().split(",[" + EcmaStrings.WHITE_SPACE_CLASS + "]+", -1)) {
        arr.add(s);
      }
      data.set("keywords", arr);
      kw = arr;
    }
    if (JsValues.truthy(kw) && !kw.isArray()) {
      data.remove("keywords");
      changes.add("keywords should be an array of strings");
    } else if (JsValues.truthy(kw)) {
      ArrayNode kept = data.arrayNode();
      for (JsonNode k : kw) {
        if (!k.isTextual() || k.textValue().isEmpty()) {
          changes.add("keywords should be an array of strings");
        } else {
          kept.add(k);
        }
      }
      data.set("keywords", kept);
    }
  }

  private static void bundleDependencies(ObjectNode data, List<String> changes) {
    if (JsValues.truthy(data.get("bundledDependencies"))
        && !JsValues.truthy(data.get("bundleDependencies"))) {
      data.set("bundleDependencies", data.get("bundledDependencies"));
      data.remove("bundledDependencies");
    }
    JsonNode bd = data.get("bundleDependencies");
    if (JsValues.truthy(bd) && !bd.isArray()) {
      changes.add("Invalid 'bundleDependencies' list. Must be array of package names");
      data.remove("bundleDependencies");
    } else if (JsValues.truthy(bd)) {
      ArrayNode kept = data.arrayNode();
      for (JsonNode name : bd) {
        if (!JsValues.truthy(name) || !name.isTextual()) {
          changes.add("Invalid bundleDependencies member: " + JsValues.toJsString(name));
          continue;
        }
        if (!JsValues.truthy(data.get("dependencies"))) {
          data.putObject("dependencies");
        }
        if (data.get("dependencies") instanceof ObjectNode deps && !deps.has(name.textValue())) {
          changes.add("Non-dependency in bundleDependencies: " + name.textValue());
          deps.put(name.textValue(), "*");
        }
        kept.add(name);
      }
      data.set("bundleDependencies", kept);
    }
  }

  private static void homepage(ObjectNode data, List<String> changes) {
    JsonNode repo = data.get("repository");
    JsonNode repoUrl = repo == null || !repo.isObject() ? null : repo.get("url");
    if (!JsValues.truthy(data.get("homepage")) && JsValues.truthy(repoUrl) && repoUrl.isTextual()) {
      HostedGit.fromUrl(repoUrl.textValue()).ifPresent(h -> data.put("homepage", h.docs()));
    }
    JsonNode homepage = data.get("homepage");
    if (JsValues.truthy(homepage)) {
      if (!homepage.isTextual()) {
        changes.add("homepage field must be a string url. Deleted.");
        data.remove("homepage");
      } else if (!WhatwgUrl.canParse(homepage.textValue())) {
        data.put("homepage", "http://" + homepage.textValue());
      }
    }
  }

  private static void license(ObjectNode data, List<String> changes) {
    JsonNode license =
        JsValues.truthy(data.get("license")) ? data.get("license") : data.get("licence");
    if (!JsValues.truthy(license)) {
      changes.add("No license field.");
    } else if (!license.isTextual() || EcmaStrings.trim(license.textValue()).isEmpty()) {
      changes.add("license should be a valid SPDX license expression");
    }
  }

  /** stringifyPerson: {@code {name?, email?, url?}}. */
  private static ObjectNode person(ObjectNode data, JsonNode value) {
    Person p = Person.parse(value.isTextual() ? value.textValue() : Person.personString(value));
    ObjectNode o = data.objectNode();
    if (!p.name().isEmpty()) {
      o.put("name", p.name());
    }
    if (!p.email().isEmpty()) {
      o.put("email", p.email());
    }
    if (!p.url().isEmpty()) {
      o.put("url", p.url());
    }
    return o;
  }
}
