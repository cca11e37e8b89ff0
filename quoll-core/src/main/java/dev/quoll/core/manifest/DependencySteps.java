package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.name.EcmaStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code fixRepositoryField} and {@code fixDependencies} steps of @npmcli/package-json 7 (also
 * run by {@code normalizeData}): {@code repositories[0]} becomes {@code repository}, a string
 * repository becomes {@code {type: "git", url}} with the URL of a known git host normalised as
 * hosted-git-info prints it; dependency lists given as strings or arrays become objects, non-object
 * dependency fields and non-string specs are removed, and git specs of known hosts are normalised.
 */
final class DependencySteps {
  private static final Pattern DEP_LIST_SEPARATOR =
      Pattern.compile("[\\n\\r" + EcmaStrings.WHITE_SPACE_CLASS + ",]+");
  private static final Pattern DEP_SPLIT =
      Pattern.compile("(:?[@" + EcmaStrings.WHITE_SPACE_CLASS + "><=])");

  private DependencySteps() {}

  static void repository(Normalizer.Draft d) {
    ObjectNode data = d.data;
    JsonNode repositories = data.get("repositories");
    if (JsValues.truthy(repositories)) {
      d.changes.add(
          "\"repository\" was set to the first entry in \"repositories\" ("
              + JsValues.toJsString(data.get("repository"))
              + ")");
      JsonNode first =
          repositories.isArray()
              ? repositories.get(0)
              : repositories.isObject()
                  ? repositories.get("0")
                  : repositories.isTextual()
                      ? data.textNode(repositories.textValue().substring(0, 1))
                      : null;
      if (first == null) {
        data.remove("repository");
      } else {
        data.set("repository", first);
      }
    }
    JsonNode repo = data.get("repository");
    if (!JsValues.truthy(repo)) {
      return;
    }
    if (repo.isTextual()) {
      d.changes.add("\"repository\" was changed from a string to an object");
      ObjectNode o = data.objectNode();
      o.put("type", "git");
      o.set("url", repo);
      data.set("repository", o);
      repo = o;
    }
    JsonNode url = repo.isObject() ? repo.get("url") : null;
    if (JsValues.truthy(url) && url.isTextual()) {
      Optional<HostedGit> hosted = HostedGit.fromUrl(url.textValue());
      if (hosted.isPresent()) {
        HostedGit h = hosted.get();
        Optional<String> normal =
            h.defaultRepresentation().equals("shortcut")
                ? Optional.of(h.https(false, false))
                : h.render(false, false);
        if (normal.isPresent() && !normal.get().equals(url.textValue())) {
          String r = normal.get();
          d.changes.add("\"repository.url\" was normalized to \"" + r + "\"");
          ((ObjectNode) repo).put("url", r);
        }
      }
    }
  }

  static void dependencies(Normalizer.Draft d) {
    ObjectNode data = d.data;
    for (String type : List.of("dependencies", "devDependencies", "optionalDependencies")) {
      JsonNode deps = data.get(type);
      if (!JsValues.truthy(deps)) {
        continue;
      }
      boolean secondWarning = true;
      if (deps.isTextual()) {
        d.changes.add("\"" + type + "\" was converted from a string into an object");
        ArrayNode arr = data.arrayNode();
        for (String s : DEP_LIST_SEPARATOR.split(EcmaStrings.trim(deps.textValue()), -1)) {
          arr.add(s);
        }
        deps = arr;
        data.set(type, arr);
        secondWarning = false;
      }
      if (deps.isArray()) {
        if (secondWarning) {
          d.changes.add("\"" + type + "\" was converted from an array into an object");
        }
        ObjectNode o = data.objectNode();
        for (JsonNode dep : deps) {
          if (dep.isTextual()) {
            List<String> parts = splitWithSeparators(EcmaStrings.trim(dep.textValue()));
            String dn = parts.removeFirst();
            String dv = EcmaStrings.trim(String.join("", parts).replaceFirst("^@", ""));
            o.put(dn, dv);
          }
        }
        data.set(type, o);
      }
    }
    for (String type : List.of("dependencies", "devDependencies")) {
      if (!data.has(type)) {
        continue;
      }
      JsonNode deps = data.get(type);
      if (!JsValues.truthy(deps) || !JsValues.isObject(deps)) {
        d.changes.add("Removed invalid \"" + type + "\"");
        data.remove(type);
        continue;
      }
      if (!(deps instanceof ObjectNode o)) {
        continue;
      }
      for (String name : ContentSteps.keys(o)) {
        JsonNode r = o.get(name);
        if (!r.isTextual()) {
          d.changes.add("Removed invalid \"" + type + "." + name + "\"");
          o.remove(name);
          continue;
        }
        Optional<HostedGit> hosted = HostedGit.fromUrl(r.textValue());
        if (hosted.isPresent()) {
          String s = hosted.get().render(false, false).orElse("");
          if (!s.isEmpty() && !s.equals(r.textValue())) {
            d.changes.add("Normalized git reference to \"" + type + "." + name + "\"");
            o.put(name, s);
          }
        }
      }
    }
  }

  /** {@code s.split(/(:?[@\s><=])/)}: the pieces with the captured separators between them. */
  private static List<String> splitWithSeparators(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = DEP_SPLIT.matcher(s);
    int last = 0;
    while (m.find()) {
      out.add(s.substring(last, m.start()));
      out.add(m.group(1));
      last = m.end();
    }
    out.add(s.substring(last));
    return out;
  }
}
