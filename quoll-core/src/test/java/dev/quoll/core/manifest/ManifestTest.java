package dev.quoll.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed views and the lossless write rules of {@link Manifest}. */
class ManifestTest {
  private static final String TEXT =
      """
      {
      \t"name": "@s/pkg",
      \t"version": "1.2.3",
      \t"private": true,
      \t"licence": "MIT",
      \t"author": "Ann Bee <ann@b.org> (https://ann.org)",
      \t"contributors": ["Cee", {"name": "Dee", "mail": "d@e.org"}, 5],
      \t"repository": "npm/cli",
      \t"bin": "cli.js",
      \t"os": "linux",
      \t"cpu": ["x64", 1],
      \t"workspaces": {"packages": ["a/*"]},
      \t"dependencies": {"a": "^1", "bad": 2},
      \t"peerDependencies": {"p": "*", "q": "1"},
      \t"peerDependenciesMeta": {"q": {"optional": true}},
      \t"bundledDependencies": ["a"],
      \t"publishConfig": {"access": "public"},
      \t"x-unknown": {"kept": [1, 2.50, "three"]}
      }\r
      """
          .replace("\n", "\r\n")
          .replace("\r\r\n", "\r\n");

  @Test
  void readsTypedViews() {
    Manifest m = Manifest.parse(TEXT);
    assertEquals(Optional.of("@s/pkg"), m.name());
    assertEquals(Optional.of("1.2.3"), m.version());
    assertTrue(m.isPrivate());
    assertEquals(Optional.of("MIT"), m.license());
    assertEquals(Optional.of(new Person("Ann Bee", "ann@b.org", "https://ann.org")), m.author());
    assertEquals(
        List.of(new Person("Cee", "", ""), new Person("Dee", "d@e.org", "")), m.contributors());
    assertEquals(Optional.of(new Repository("git", "npm/cli", "")), m.repository());
    assertEquals(Map.of("@s/pkg", "cli.js"), m.bin());
    assertEquals(List.of("linux"), m.os());
    assertEquals(List.of("x64"), m.cpu());
    assertEquals(List.of("a/*"), m.workspaces());
    assertEquals(Map.of("a", "^1"), m.dependencies(DependencyType.PROD));
    assertEquals(Map.of("p", "*", "q", "1"), m.dependencies(DependencyType.PEER));
    assertEquals(Map.of("q", "1"), m.dependencies(DependencyType.PEER_OPTIONAL));
    assertEquals(List.of("a"), m.bundleDependencies());
    assertEquals("public", m.publishConfig().orElseThrow().get("access").textValue());
    assertEquals(new dev.quoll.core.json.JsonFormat("\t", "\r\n"), m.format());
  }

  @Test
  void handsOutCopies() {
    Manifest m = Manifest.parse(TEXT);
    m.publishConfig().orElseThrow().put("access", "restricted");
    m.json().put("name", "changed");
    assertEquals("public", m.publishConfig().orElseThrow().get("access").textValue());
    assertEquals(Optional.of("@s/pkg"), m.name());
    assertEquals(TEXT, m.text());
  }

  @Test
  void unchangedTextIsKeptAndEditsUseTheFileLayout() {
    Manifest m = Manifest.parse(TEXT);
    assertEquals(TEXT, m.text());
    assertFalse(m.changed());
    Manifest edited = m.withDependency(DependencyType.PROD, "0-first", "1.0.0");
    assertTrue(edited.changed());
    assertTrue(edited.text().contains("\"dependencies\": {\r\n\t\t\"0-first\": \"1.0.0\",\r\n"));
    assertTrue(
        edited.text().contains("\"x-unknown\": {\r\n\t\t\"kept\": [\r\n\t\t\t1,\r\n\t\t\t2.5,"));
    assertTrue(edited.text().endsWith("}\r\n"));
    ObjectNode copy = edited.json();
    assertTrue(copy.get("dependencies").has("bad"), "npm's save keeps specs it cannot read");
  }

  @Test
  void writeSkipsUnchangedFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("package.json");
    Files.writeString(file, TEXT);
    FileTime before = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, before);
    Manifest.read(file).write(file);
    assertEquals(before, Files.getLastModifiedTime(file));
    Manifest.read(file).update((ObjectNode) Json.parse("{\"description\":\"d\"}")).write(file);
    assertEquals(Optional.of("d"), Manifest.read(file).description());
  }

  @Test
  void createdManifestsUseNpmDefaults() {
    Manifest m = Manifest.of((ObjectNode) Json.parse("{\"name\":\"x\"}"));
    assertEquals("{\n  \"name\": \"x\"\n}\n", m.text());
  }

  @Test
  void errorsCarryNpmCodes() {
    assertEquals(
        "EJSONPARSE", assertThrows(CoreException.class, () -> Manifest.parse("[1]")).code());
    Manifest m = Manifest.parse("{\"name\":\"x\"}");
    assertEquals(
        "ESCRIPTSINVALID",
        assertThrows(
                CoreException.class,
                () -> m.update((ObjectNode) Json.parse("{\"scripts\":{\"a\":1}}")))
            .code());
    assertEquals(
        "EWORKSPACESINVALID",
        assertThrows(
                CoreException.class, () -> m.update((ObjectNode) Json.parse("{\"workspaces\":[]}")))
            .code());
    Normalizer prepare = Normalizer.of(NormalizeStep.PREPARE);
    assertEquals(
        "EINVALIDPACKAGENAME",
        assertThrows(
                CoreException.class,
                () -> prepare.run(Manifest.parse("{\"name\":\".x\",\"version\":\"1.0.0\"}")))
            .code());
    assertEquals(
        "EINVALIDVERSION",
        assertThrows(
                CoreException.class,
                () -> prepare.run(Manifest.parse("{\"name\":\"x\",\"version\":\"1.2\"}")))
            .code());
  }

  @Test
  void normalizeWithoutFolderLeavesFolderStepsEmpty() {
    Normalizer.Result r =
        Normalizer.of(NormalizeStep.PREPARE)
            .run(Manifest.parse("{\"name\":\"x\",\"version\":\"v1.0.0\",\"repository\":\"u/r\"}"));
    ObjectNode out = r.manifest().json();
    assertEquals("1.0.0", out.get("version").textValue());
    assertEquals("x@v1.0.0", out.get("_id").textValue(), "npm builds _id before cleaning");
    assertEquals("git+https://github.com/u/r.git", out.at("/repository/url").textValue());
    assertEquals("https://github.com/u/r/issues", out.at("/bugs/url").textValue());
    assertEquals("https://github.com/u/r#readme", out.get("homepage").textValue());
    assertEquals("ERROR: No README data found!", out.get("readme").textValue());
    assertTrue(r.changes().contains("\"version\" was cleaned and set to \"1.0.0\""));
  }
}
