package dev.quoll.client.fetch;

import dev.quoll.client.tree.ResolveException;
import dev.quoll.semver.Options;
import dev.quoll.semver.Range;
import dev.quoll.semver.Semver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The refs of a remote repository as {@code git ls-remote} lists them, and the commit a committish
 * names (@npmcli/git 7's {@code revs} and pacote 21's choice of a git revision).
 *
 * <p>Contract: {@code refs/heads/<b>} and {@code refs/tags/<t>} are known by their short names (a
 * peeled annotated tag {@code <t>^{}} gives the tag's commit); no committish means {@code HEAD}; a
 * ref name gives its commit; a full 40-hex commit names itself; with {@code semver:<range>} the
 * highest tag whose name is a version (after node-semver {@code clean}, loose) satisfying the range
 * wins. A committish matching nothing fails with {@code ETARGET}.
 *
 * @param refs short ref name (and {@code HEAD}) to commit, in listing order
 */
public record GitRefs(Map<String, String> refs) {
  private static final Pattern SHA = Pattern.compile("^[0-9a-fA-F]{40}$");

  /** Copies the map. */
  public GitRefs {
    refs = Map.copyOf(refs);
  }

  /**
   * Parses {@code git ls-remote} output: lines of {@code <sha>\t<ref>}.
   *
   * @param text the command's output
   * @return the refs
   */
  public static GitRefs parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> peeled = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab != 40) {
        continue;
      }
      String sha = line.substring(0, 40);
      String ref = line.substring(41).strip();
      String name = ref;
      if (ref.startsWith("refs/heads/")) {
        name = ref.substring("refs/heads/".length());
      } else if (ref.startsWith("refs/tags/")) {
        name = ref.substring("refs/tags/".length());
      }
      if (name.endsWith("^{}")) {
        peeled.put(name.substring(0, name.length() - 3), sha);
      } else {
        out.putIfAbsent(name, sha);
      }
    }
    out.putAll(peeled);
    return new GitRefs(out);
  }

  /**
   * The commit a spec's fragment names.
   *
   * @param committish the branch, tag or commit after {@code #}, if any
   * @param range the range of {@code #semver:<range>}, if any
   * @param repo the repository, for messages
   * @return a 40-hex commit
   * @throws ResolveException {@code ETARGET} when nothing matches
   */
  public String pick(Optional<String> committish, Optional<String> range, String repo) {
    if (range.isPresent()) {
      Range r =
          Range.tryParse(range.get(), Options.LOOSE)
              .orElseThrow(() -> noMatch(repo, "semver:" + range.get()));
      String best = null;
      String bestSha = null;
      for (Map.Entry<String, String> e : refs.entrySet()) {
        Optional<String> v = Semver.clean(e.getKey(), Options.LOOSE);
        if (v.isPresent()
            && r.test(v.get())
            && (best == null || Semver.compare(v.get(), best, Options.LOOSE) > 0)) {
          best = v.get();
          bestSha = e.getValue();
        }
      }
      if (bestSha == null) {
        throw noMatch(repo, "semver:" + range.get());
      }
      return bestSha;
    }
    String want = committish.filter(c -> !c.isEmpty()).orElse("HEAD");
    String sha = refs.get(want);
    if (sha != null) {
      return sha;
    }
    if (SHA.matcher(want).matches()) {
      return want.toLowerCase(java.util.Locale.ROOT);
    }
    throw noMatch(repo, want);
  }

  private static ResolveException noMatch(String repo, String what) {
    String msg = "No matching version found for " + what + " in " + repo + ".";
    return new ResolveException("ETARGET", msg, msg);
  }
}
