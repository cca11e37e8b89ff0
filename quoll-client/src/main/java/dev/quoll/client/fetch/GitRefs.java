package dev.quoll.client.fetch;

import dev.quoll.client.tree.ResolveException;
import dev.quoll.semver.Options;
import dev.quoll.semver.Range;
import dev.quoll.semver.Semver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The refs of a remote repository as {@code git ls-remote} lists them, and the commit a spec's
 * fragment names (@npmcli/git 7's {@code lines-to-revs} and pacote 21's {@code GitFetcher}
 * resolution with npm-pick-manifest 11).
 *
 * <p>Contract: every ref is known by its full name and its short name ({@code refs/heads/<b>} and
 * {@code refs/tags/<t>} give {@code <b>} and {@code <t>}, {@code refs/pull/<n>/head} gives {@code
 * pull/<n>}), a later line replacing an earlier one of the same name; an annotated tag's peeled
 * line {@code <t>^{}} gives the tag's commit. A tag ending in a version ({@code
 * v?<major.minor.patch ...>}, e.g. {@code release-v1.2.3}) is that version. The {@code latest}
 * version is the one at the commit of a ref named {@code latest}, else at {@code HEAD}. A fragment
 * picks: {@code semver:<range>} the latest version when it satisfies the range, else the highest
 * satisfying version (node-semver, loose); a committish the commit of that ref, or of a 40-hex
 * commit that some ref points at; nothing, {@code HEAD}. Anything else is unknown here ({@link
 * #pick} is empty) and must be found by cloning, as pacote does.
 *
 * @param refs ref name (full and short) to commit
 * @param versions version to commit
 * @param latest the latest version, if any
 */
public record GitRefs(
    Map<String, String> refs, Map<String, String> versions, Optional<String> latest) {
  private static final Pattern VERSION_TAG = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:[-+].+)?)$");

  /** Copies the maps. */
  public GitRefs {
    refs = Map.copyOf(refs);
    versions = Map.copyOf(versions);
  }

  /**
   * Parses {@code git ls-remote} output: lines of {@code <sha> <ref>}.
   *
   * @param text the command's output
   * @return the refs
   */
  public static GitRefs parse(String text) {
    record Doc(String ref, String rawRef, String type, String[] sha) {}
    Map<String, Doc> byRef = new LinkedHashMap<>();
    Map<String, Doc> versions = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] split = line.strip().split("\\s+", 2);
      if (split.length < 2) {
        continue;
      }
      String sha = split[0].strip();
      String raw = split[1].strip();
      String type;
      String ref;
      if (raw.startsWith("refs/tags/")) {
        type = "tag";
        ref = raw.substring("refs/tags/".length());
      } else if (raw.startsWith("refs/heads/")) {
        type = "branch";
        ref = raw.substring("refs/heads/".length());
      } else if (raw.startsWith("refs/pull/")) {
        type = "pull";
        ref = raw.substring("refs/".length()).replaceFirst("/head$", "");
      } else if (raw.equals("HEAD")) {
        type = "head";
        ref = "HEAD";
      } else {
        type = "other";
        ref = raw;
      }
      Doc doc = new Doc(ref, raw, type, new String[] {sha});
      byRef.put(ref, doc);
      byRef.put(raw, doc);
      if (type.equals("tag") && !ref.endsWith("^{}")) {
        Matcher m = VERSION_TAG.matcher(ref);
        if (m.find() && Semver.valid(m.group(1), Options.LOOSE).isPresent()) {
          versions.put(Semver.clean(m.group(1), Options.LOOSE).orElseThrow(), doc);
        }
      }
    }
    for (String name : java.util.List.copyOf(byRef.keySet())) {
      if (name.endsWith("^{}") && byRef.containsKey(name)) {
        Doc unpeeled = byRef.get(name.substring(0, name.length() - 3));
        if (unpeeled != null) {
          unpeeled.sha()[0] = byRef.get(name).sha()[0];
          byRef.remove(name);
        }
      }
    }
    Doc head = byRef.get("HEAD");
    Doc latestRef = byRef.get("latest");
    String latest = null;
    for (Map.Entry<String, Doc> v : versions.entrySet()) {
      String vsha = v.getValue().sha()[0];
      if (latestRef != null && vsha.equals(latestRef.sha()[0])) {
        latest = v.getKey();
      } else if (head != null && vsha.equals(head.sha()[0]) && latestRef == null) {
        latest = v.getKey();
      }
    }
    Map<String, String> refs = new LinkedHashMap<>();
    byRef.forEach((k, d) -> refs.put(k, d.sha()[0]));
    Map<String, String> vs = new LinkedHashMap<>();
    versions.forEach((k, d) -> vs.put(k, d.sha()[0]));
    return new GitRefs(refs, vs, Optional.ofNullable(latest));
  }

  /**
   * The commit a spec's fragment names, when the refs tell.
   *
   * @param committish the branch, tag or commit after {@code #}, if any
   * @param range the range of {@code #semver:<range>}, if any
   * @param repo the repository, for messages
   * @return a commit, or empty when only a clone can tell (a committish that is no ref)
   * @throws ResolveException {@code ETARGET} when no version satisfies the range
   */
  public Optional<String> pick(Optional<String> committish, Optional<String> range, String repo) {
    if (range.isPresent()) {
      return Optional.of(pickVersion(range.get(), repo));
    }
    if (committish.isEmpty() || committish.get().isEmpty()) {
      return Optional.ofNullable(refs.get("HEAD"));
    }
    String c = committish.get();
    if (refs.containsKey(c)) {
      return Optional.of(refs.get(c));
    }
    return refs.containsValue(c) ? Optional.of(c) : Optional.empty();
  }

  private String pickVersion(String range, String repo) {
    Optional<Range> r = Range.tryParse(range, Options.LOOSE);
    if (r.isEmpty()) {
      throw noMatch(repo, range);
    }
    if (latest.isPresent() && (range.equals("*") || r.get().test(latest.get()))) {
      return versions.get(latest.get());
    }
    String best = null;
    for (String v : versions.keySet()) {
      if (r.get().test(v) && (best == null || Semver.compare(v, best, Options.LOOSE) > 0)) {
        best = v;
      }
    }
    if (best == null) {
      throw noMatch(repo, range);
    }
    return versions.get(best);
  }

  private static ResolveException noMatch(String repo, String range) {
    String msg = "No matching version found for " + repo + "@" + range + ".";
    return new ResolveException("ETARGET", msg, msg);
  }
}
