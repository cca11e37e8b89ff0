package dev.quoll.client.tree;

import dev.quoll.core.CoreException;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.spec.GitSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.semver.Options;
import dev.quoll.semver.Range;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a node meets a git spec (arborist 9's {@code dep-valid.js}, case {@code git}): the node's
 * {@code resolved} must name the same repository (for hosted repositories, the same ssh URL; else
 * the same clone URL), the same commit when the spec names a full 40-hex commit, and with {@code
 * #semver:<range>} the node's version must satisfy the range (node-semver, loose).
 */
final class GitValid {
  private static final Pattern SHA = Pattern.compile("^[a-fA-F0-9]{40}$");

  private GitValid() {}

  static boolean satisfies(GitSpec requested, Node node) {
    String resolved = node.resolved().orElse(null);
    if (resolved == null) {
      return false;
    }
    GitSpec res;
    try {
      if (!(PackageSpec.parse(node.name(), resolved) instanceof GitSpec g)) {
        return false;
      }
      res = g;
    } catch (CoreException e) {
      return false;
    }
    boolean reqCommit = requested.gitCommittish().map(c -> SHA.matcher(c).matches()).orElse(false);
    Optional<HostedGit> reqHost = requested.hosted();
    if (reqHost.isPresent()) {
      if (res.hosted().isEmpty()
          || !reqHost.get().ssh(!reqCommit).equals(res.hosted().get().ssh(!reqCommit))) {
        return false;
      }
    } else {
      if (!requested.fetchSpec().equals(res.fetchSpec())) {
        return false;
      }
      if (reqCommit && !requested.gitCommittish().equals(res.gitCommittish())) {
        return false;
      }
    }
    if (requested.gitRange().isEmpty()) {
      return true;
    }
    return Range.tryParse(requested.gitRange().get(), Options.LOOSE)
        .map(r -> node.version().map(r::test).orElse(false))
        .orElse(false);
  }
}
