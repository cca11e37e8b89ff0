package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsValues;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.name.EcmaStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A package.json document, kept losslessly: every field (known or not) in its order, the file's
 * indent and newline, and the text it was read from.
 *
 * <p>Contract (@npmcli/package-json 7 {@code load}/{@code update}/{@code save}): {@link #text()} of
 * a manifest read from text and not edited is that text, byte for byte; after edits it is {@code
 * JSON.stringify(content, null, indent) + "\n"} with npm's newline, unless that equals the original
 * text after trimming, in which case npm would not rewrite the file and the original is returned.
 * Instances are immutable: every edit returns a new manifest, and trees handed out are copies.
 *
 * <p>Typed accessors read the document as npm reads it, skipping values of the wrong JSON type;
 * they never throw.
 */
public final class Manifest {
  private final ObjectNode content;
  private final JsonFormat format;
  private final String original;
  private final boolean edited;

  private Manifest(ObjectNode content, JsonFormat format, String original, boolean edited) {
    this.content = content;
    this.format = format;
    this.original = original;
    this.edited = edited;
  }

  /**
   * Reads package.json text.
   *
   * @param text the file's content (a leading byte-order mark is allowed)
   * @return the manifest, remembering the text, its indent and its newline
   * @throws CoreException {@code EJSONPARSE} when the text is not a JSON object
   */
  public static Manifest parse(String text) {
    return new Manifest(Json.parseObject(text), JsonFormat.detect(text), text, false);
  }

  /**
   * Reads a package.json file (UTF-8).
   *
   * @param file the file
   * @return the manifest
   * @throws CoreException {@code ENOENT} when the file cannot be read, {@code EJSONPARSE} when it
   *     is not a JSON object
   */
  public static Manifest read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CoreException("ENOENT", "Could not read package.json: " + e.getMessage(), e);
    }
  }

  /**
   * A manifest with no file behind it ({@code PackageJson.create}): written with two spaces and
   * {@code \n}.
   *
   * @param content the document (copied)
   * @return the manifest
   */
  public static Manifest of(ObjectNode content) {
    return new Manifest(content.deepCopy(), JsonFormat.DEFAULT, "", true);
  }

  /** A copy of the whole document. */
  public ObjectNode json() {
    return content.deepCopy();
  }

  /** The indent and newline the manifest is written with. */
  public JsonFormat format() {
    return format;
  }

  /**
   * The file content npm leaves on disk: for a manifest read and not edited, the original text (npm
   * does not save it); after edits, what {@code save()} leaves: the original text when the document
   * writes to the same text after trimming, else the newly written text.
   */
  public String text() {
    if (!edited) {
      return original;
    }
    String written = format.write(content);
    return EcmaStrings.trim(written).equals(EcmaStrings.trim(original)) ? original : written;
  }

  /** Whether {@link #text()} differs from the text the manifest was read from. */
  public boolean changed() {
    return !text().equals(original);
  }

  /**
   * Writes {@link #text()} to a file, as {@code save()} does: not at all when unchanged.
   *
   * @param file the package.json path
   * @throws CoreException {@code EIO} when writing fails
   */
  public void write(Path file) {
    if (!changed() && Files.exists(file)) {
      return;
    }
    try {
      Files.writeString(file, text(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CoreException("EIO", "Could not write package.json: " + e.getMessage(), e);
    }
  }

  /**
   * A manifest with a new document but this one's layout and original text (so an edit that changes
   * nothing writes nothing).
   *
   * @param newContent the new document (copied)
   * @return the edited manifest
   */
  public Manifest withContent(ObjectNode newContent) {
    return new Manifest(newContent.deepCopy(), format, original, true);
  }

  /**
   * @npmcli/package-json's {@code update(content)}: dependency objects are merged as {@code
   *     update-dependencies.js} does (each given object replaces the old one with its keys sorted
   *     by {@code localeCompare(.., 'en')}, empty ones are removed, optional names leave {@code
   *     dependencies}), {@code scripts} and {@code workspaces} are validated and replaced, every
   *     other field is set (a null value removes it, as an {@code undefined} does in npm).
   * @param fields the fields to set
   * @return the edited manifest
   * @throws CoreException {@code ESCRIPTSINVALID} or {@code EWORKSPACESINVALID} as npm throws
   */
  public Manifest update(ObjectNode fields) {
    return withContent(PackageUpdate.update(content, fields));
  }

  /**
   * {@code npm pkg set <key>=<value> --json}: sets a value at a dotted path of object keys
   * (creating objects on the way), then rewrites the whole document through {@link #update} as npm
   * does (so dependency fields get sorted).
   *
   * @param key e.g. {@code "scripts.test"} or {@code "publishConfig.access"}
   * @param value the JSON value
   * @return the edited manifest
   * @throws CoreException {@code EOVERRIDEVALUE} when a path step is a non-null scalar, {@code
   *     ENOADDPROP} when it is an array, {@code EFORBIDDENKEY} for {@code __proto__}, {@code
   *     constructor}, {@code prototype}, {@code EINVALIDKEY} for array-index paths (the CLI's
   *     bracket syntax is not supported here), and what {@link #update} throws
   */
  public Manifest withField(String key, JsonNode value) {
    return withContent(PackageUpdate.setPath(content, key, value));
  }

  /**
   * {@code npm pkg delete <key>}: removes the value at a dotted path of object keys, then rewrites
   * the whole document through {@link #update} as npm does.
   *
   * @param key e.g. {@code "scripts.test"}
   * @return the edited manifest
   * @throws CoreException as {@link #withField}
   */
  public Manifest withoutField(String key) {
    return withContent(PackageUpdate.setPath(content, key, null));
  }

  /**
   * Adds or changes one dependency the way {@code npm install <name>@<spec> --save-<type>} writes
   * package.json (arborist 9's {@code add-rm-pkg-deps.add} on the normalised manifest, then {@code
   * update()} of the dependency fields): the name leaves the fields the type excludes (e.g. {@code
   * devDependencies} for {@code PROD}), the fields are written sorted, and, as npm 11 does, {@code
   * peerDependenciesMeta} is not written even for {@link DependencyType#PEER_OPTIONAL}.
   *
   * @param type where to save it
   * @param name the package name
   * @param spec the spec to save, e.g. {@code "^1.2.3"}
   * @return the edited manifest
   */
  public Manifest withDependency(DependencyType type, String name, String spec) {
    return withContent(PackageUpdate.addDependency(content, type, name, spec, false));
  }

  /**
   * As {@link #withDependency}, also adding the name to {@code bundleDependencies} ({@code
   * --save-bundle}; ignored for peer types, as npm does).
   */
  public Manifest withBundledDependency(DependencyType type, String name, String spec) {
    return withContent(PackageUpdate.addDependency(content, type, name, spec, true));
  }

  /**
   * Removes dependencies from every dependency field and {@code bundleDependencies}, as {@code npm
   * uninstall <names>} writes package.json.
   *
   * @param names the package names
   * @return the edited manifest
   */
  public Manifest withoutDependencies(Collection<String> names) {
    return withContent(PackageUpdate.removeDependencies(content, List.copyOf(names)));
  }

  /**
   * Normalises a copy of this manifest.
   *
   * @param normalizer the steps and options
   * @return the result
   */
  public Normalizer.Result normalize(Normalizer normalizer) {
    return normalizer.run(this);
  }

  // ---- typed views -------------------------------------------------------------------------

  /** The raw value of a field, copied. */
  public Optional<JsonNode> get(String field) {
    JsonNode v = content.get(field);
    return v == null ? Optional.empty() : Optional.of(v.deepCopy());
  }

  /** {@code name} when it is a string. */
  public Optional<String> name() {
    return string("name");
  }

  /** {@code version} when it is a string. */
  public Optional<String> version() {
    return string("version");
  }

  /** {@code description} when it is a string. */
  public Optional<String> description() {
    return string("description");
  }

  /** {@code main} when it is a string. */
  public Optional<String> main() {
    return string("main");
  }

  /** {@code type} ({@code "module"} or {@code "commonjs"}) when it is a string. */
  public Optional<String> type() {
    return string("type");
  }

  /** {@code license} (or the misspelt {@code licence}) when it is a string. */
  public Optional<String> license() {
    return string("license").or(() -> string("licence"));
  }

  /** {@code deprecated} when it is a string (the registry's deprecation message). */
  public Optional<String> deprecated() {
    return string("deprecated");
  }

  /** {@code homepage} when it is a string. */
  public Optional<String> homepage() {
    return string("homepage");
  }

  /** Whether {@code private} is truthy, which makes {@code npm publish} refuse (EPRIVATE). */
  public boolean isPrivate() {
    return JsValues.truthy(content.get("private"));
  }

  /**
   * One dependency field as name → spec, in file order; non-string specs are skipped.
   *
   * @param type the field; {@link DependencyType#PEER_OPTIONAL} reads only the peers marked
   *     optional in {@code peerDependenciesMeta}, {@link DependencyType#PEER} all peers
   */
  public Map<String, String> dependencies(DependencyType type) {
    Map<String, String> all = stringMap(type.field());
    if (type != DependencyType.PEER_OPTIONAL) {
      return all;
    }
    Map<String, Boolean> meta = peerDependenciesMeta();
    Map<String, String> optional = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (meta.getOrDefault(k, false)) {
            optional.put(k, v);
          }
        });
    return Collections.unmodifiableMap(optional);
  }

  /** {@code peerDependenciesMeta} as name → whether {@code optional} is true. */
  public Map<String, Boolean> peerDependenciesMeta() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    JsonNode meta = content.get("peerDependenciesMeta");
    if (meta != null && meta.isObject()) {
      meta.properties()
          .forEach(e -> out.put(e.getKey(), e.getValue().path("optional").asBoolean(false)));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The bundled dependency names: {@code bundleDependencies} (or {@code bundledDependencies}) as an
   * array of strings, all of {@code dependencies} when it is {@code true}, the keys of an object.
   */
  public List<String> bundleDependencies() {
    JsonNode bd =
        content.has("bundleDependencies")
            ? content.get("bundleDependencies")
            : content.get("bundledDependencies");
    if (bd == null) {
      return List.of();
    }
    if (bd.isBoolean() && bd.booleanValue()) {
      return List.copyOf(dependencies(DependencyType.PROD).keySet());
    }
    if (bd.isObject()) {
      List<String> names = new ArrayList<>();
      bd.fieldNames().forEachRemaining(names::add);
      return List.copyOf(names);
    }
    return stringList(bd);
  }

  /**
   * {@code bin} as written: an object's string entries, or a string as {@code {name: path}} keyed
   * by the full package name. npm's cleaned form (command names reduced to base names, safe
   * relative paths) is what {@link Normalizer} with {@link NormalizeStep#BIN} produces.
   */
  public Map<String, String> bin() {
    JsonNode bin = content.get("bin");
    if (bin != null && bin.isTextual() && name().isPresent()) {
      return Map.of(name().get(), bin.textValue());
    }
    return stringMap("bin");
  }

  /** {@code scripts} as name → command; non-string entries are skipped. */
  public Map<String, String> scripts() {
    return stringMap("scripts");
  }

  /** {@code engines} as engine → range; non-string entries are skipped. */
  public Map<String, String> engines() {
    return stringMap("engines");
  }

  /** {@code os}: an array of strings, or a single string as a one-element list. */
  public List<String> os() {
    return stringOrList("os");
  }

  /** {@code cpu}: an array of strings, or a single string as a one-element list. */
  public List<String> cpu() {
    return stringOrList("cpu");
  }

  /** {@code libc}: an array of strings, or a single string as a one-element list. */
  public List<String> libc() {
    return stringOrList("libc");
  }

  /** {@code files}: the strings of the array. */
  public List<String> files() {
    return stringList(content.get("files"));
  }

  /** {@code keywords}: the strings of the array. */
  public List<String> keywords() {
    return stringList(content.get("keywords"));
  }

  /** {@code workspaces}: an array of globs, or the {@code packages} array of the object form. */
  public List<String> workspaces() {
    JsonNode ws = content.get("workspaces");
    if (ws != null && ws.isObject()) {
      return stringList(ws.get("packages"));
    }
    return stringList(ws);
  }

  /** {@code overrides}, copied (its nesting is arbitrary). */
  public Optional<ObjectNode> overrides() {
    return object("overrides");
  }

  /** {@code publishConfig}, copied. */
  public Optional<ObjectNode> publishConfig() {
    return object("publishConfig");
  }

  /** {@code author} as a person. */
  public Optional<Person> author() {
    JsonNode a = content.get("author");
    return a == null ? Optional.empty() : Person.of(a);
  }

  /** {@code contributors} as people (strings and objects; others skipped). */
  public List<Person> contributors() {
    List<Person> out = new ArrayList<>();
    JsonNode c = content.get("contributors");
    if (c != null && c.isArray()) {
      c.forEach(p -> Person.of(p).ifPresent(out::add));
    }
    return List.copyOf(out);
  }

  /** {@code repository}: the object form, or a string as {@code {type: "git", url}}. */
  public Optional<Repository> repository() {
    JsonNode r = content.get("repository");
    if (r == null) {
      return Optional.empty();
    }
    if (r.isTextual()) {
      return Optional.of(new Repository("git", r.textValue(), ""));
    }
    if (r.isObject()) {
      return Optional.of(
          new Repository(
              r.path("type").asText(""), r.path("url").asText(""), r.path("directory").asText("")));
    }
    return Optional.empty();
  }

  private Optional<String> string(String field) {
    JsonNode v = content.get(field);
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  private Optional<ObjectNode> object(String field) {
    JsonNode v = content.get(field);
    return v instanceof ObjectNode o ? Optional.of(o.deepCopy()) : Optional.empty();
  }

  private Map<String, String> stringMap(String field) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = content.get(field);
    if (v != null && v.isObject()) {
      v.properties()
          .forEach(
              e -> {
                if (e.getValue().isTextual()) {
                  out.put(e.getKey(), e.getValue().textValue());
                }
              });
    }
    return Collections.unmodifiableMap(out);
  }

  private List<String> stringOrList(String field) {
    JsonNode v = content.get(field);
    return v != null && v.isTextual() ? List.of(v.textValue()) : stringList(v);
  }

  private static List<String> stringList(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(
          e -> {
            if (e.isTextual()) {
              out.add(e.textValue());
            }
          });
    }
    return List.copyOf(out);
  }

  /** Equal when the documents and layouts are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && m.content.equals(content) && m.format.equals(format);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return content.hashCode() * 31 + format.hashCode();
  }

  /** The text {@link #text()} returns. */
  @Override
  public String toString() {
    return text();
  }
}
