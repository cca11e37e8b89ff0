package dev.quoll.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.CoreException;
import dev.quoll.core.hostedgit.GitHost;
import dev.quoll.core.hostedgit.HostedGit;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The public API's shape on a few representative specs (behaviour is pinned by the oracle). */
class PackageSpecTest {
  static final Path WHERE = Path.of("/work/project");

  static String describe(PackageSpec spec) {
    return switch (spec) {
      case RegistrySpec r -> "registry " + r.type().npmName() + " " + r.fetchSpec().orElseThrow();
      case AliasSpec a -> "alias of " + a.subSpec().name().orElseThrow();
      case FileSpec f -> f.type().npmName() + " " + f.fetchSpec().orElseThrow();
      case RemoteSpec r -> "remote " + r.fetchSpec().orElseThrow();
      case GitSpec g -> "git " + g.hosted().map(h -> h.host().shortcut()).orElse("?");
    };
  }

  @Test
  void eachKind() {
    assertEquals("registry range ^1.2.0", describe(PackageSpec.parse("foo@^1.2.0", WHERE)));
    assertEquals("registry version 1.2.3", describe(PackageSpec.parse("foo", "1.2.3", WHERE)));
    assertEquals("registry range *", describe(PackageSpec.parse("@s/foo", WHERE)));
    assertEquals("registry tag next", describe(PackageSpec.parse("@s/foo@next", WHERE)));
    assertEquals("alias of bar", describe(PackageSpec.parse("foo@npm:bar@1", WHERE)));
    assertEquals("directory /work/x", describe(PackageSpec.parse("../x", WHERE)));
    assertEquals("file /work/project/a.tgz", describe(PackageSpec.parse("file:a.tgz", WHERE)));
    assertEquals(
        "remote https://h.com/a.tgz", describe(PackageSpec.parse("https://h.com/a.tgz", WHERE)));
    assertEquals("git gitlab", describe(PackageSpec.parse("gitlab:u/r", WHERE)));
  }

  @Test
  void scopedNameFields() {
    PackageSpec s = PackageSpec.parse("@babel/core@7", WHERE);
    assertEquals(Optional.of("@babel/core"), s.name());
    assertEquals(Optional.of("@babel%2fcore"), s.escapedName());
    assertEquals(Optional.of("@babel"), s.scope());
    assertEquals("7", s.rawSpec());
    assertEquals(Optional.empty(), s.saveSpec());
    assertTrue(s.registry());
  }

  @Test
  void gitAttributesAndHostedForms() {
    GitSpec g =
        (GitSpec) PackageSpec.parse("github:npm/cli#semver:^10::path:workspaces/arborist", WHERE);
    assertEquals(Optional.of("^10"), g.gitRange());
    assertEquals(Optional.of("/workspaces/arborist"), g.gitSubdir());
    assertEquals(Optional.empty(), g.gitCommittish());
    assertEquals(Optional.empty(), g.fetchSpec());
    HostedGit h = g.hosted().orElseThrow();
    assertEquals(GitHost.GITHUB, h.host());
    assertEquals(Optional.of("npm"), h.user());
    assertEquals("cli", h.project());
    assertEquals("git+ssh://git@github.com/npm/cli.git", h.sshUrl(false, true));
    assertEquals("https://github.com/npm/cli.git", h.https(true, true));
    assertEquals("github:npm/cli", h.shortcut(true));
  }

  @Test
  void failuresCarryNpmCodes() {
    assertEquals("EINVALIDTAGNAME", code(() -> PackageSpec.parse("foo@not a tag", WHERE)));
    assertEquals("EINVALIDPACKAGENAME", code(() -> PackageSpec.parse(".foo", "1", WHERE)));
    assertEquals("EUNSUPPORTEDPROTOCOL", code(() -> PackageSpec.parse("ftp://h/x.tgz", WHERE)));
    assertEquals("ERR_INVALID_URL", code(() -> PackageSpec.parse("http://", WHERE)));
    assertEquals("EINVALIDSPEC", code(() -> PackageSpec.parse("foo@npm:./x", WHERE)));
  }

  private static String code(Runnable r) {
    return assertThrows(CoreException.class, r::run).code();
  }
}
