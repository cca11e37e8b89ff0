package dev.quoll.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config of a nested npm run in another folder (set-envs.js, loadProjectConfig): the folder's
 * npmrc decides what this process leaves at its defaults and the keys npm never exports; every
 * other effective value of this process wins; this project's own npmrc-only keys are gone.
 */
class ProjectNpmrcTest {
  @TempDir Path tmp;

  @Test
  void folderNpmrcUnderExportedValues() throws Exception {
    Files.writeString(
        tmp.resolve(".npmrc"),
        "ignore-scripts=true\nlegacy-peer-deps=false\n@sc:registry=http://sc/\n"
            + "//sc/:_authToken=${TOKEN}\nregistry=http://other/\n");
    Map<String, String> npmrc = ProjectNpmrc.read(tmp, Map.of("TOKEN", "t1")).orElseThrow();
    NpmConfig parent =
        new NpmConfig(
            Map.of(
                ConfigSource.DEFAULT,
                Map.of("ignore-scripts", "false", "legacy-peer-deps", "false"),
                ConfigSource.USER,
                Map.of("legacy-peer-deps", "true"),
                ConfigSource.PROJECT,
                Map.of("@p:registry", "http://p/", "strict-peer-deps", "true"),
                ConfigSource.CLI,
                Map.of("registry", "http://cli/")));
    NpmConfig nested = ProjectNpmrc.withProject(parent, npmrc);
    assertEquals(Optional.of("true"), nested.get("ignore-scripts"));
    assertEquals(Optional.of("true"), nested.get("legacy-peer-deps"));
    assertEquals(Optional.of("true"), nested.get("strict-peer-deps"));
    assertEquals(Optional.of("http://sc/"), nested.get("@sc:registry"));
    assertEquals(Optional.of("t1"), nested.get("//sc/:_authToken"));
    assertEquals(Optional.of("http://cli/"), nested.get("registry"));
    assertTrue(nested.get("@p:registry").isEmpty());
    assertTrue(ProjectNpmrc.read(tmp.resolve("none"), Map.of()).isEmpty());
  }
}
