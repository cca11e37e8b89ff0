package dev.quoll.core.hostedgit;

import dev.quoll.core.name.EcmaStrings;
import java.util.Optional;

/**
 * A git repository on a known host, as hosted-git-info 9's {@code GitHost} describes it, with the
 * URL forms it produces.
 *
 * <p>Strings are rendered exactly as hosted-git-info's templates render them, including its quirks:
 * a missing user prints as {@code null} (e.g. {@code github:null/project} for {@code
 * github:project}), and a default representation without a template of its own ({@code http}) falls
 * back to {@link #sshUrl}. Immutable; equality by all fields.
 *
 * <p>This is Quoll's one hosted-git-info: npm-package-arg ({@link dev.quoll.core.spec.PackageSpec})
 * and package.json normalisation ({@code dev.quoll.core.manifest}) both read git URLs through
 * {@link #fromUrl}.
 */
public final class HostedGit {
  private final GitHost host;
  private final String user;
  private final String auth;
  private final String project;
  private final String committish;
  private final String defaultRepresentation;

  HostedGit(
      GitHost host,
      String user,
      String auth,
      String project,
      String committish,
      String defaultRepresentation) {
    this.host = host;
    this.user = user;
    this.auth = auth;
    this.project = project;
    this.committish = committish;
    this.defaultRepresentation = defaultRepresentation;
  }

  /**
   * hosted-git-info 9's {@code fromUrl(giturl)}: recognises a git URL, scp-like address, host
   * shortcut ({@code github:user/repo}) or GitHub shorthand ({@code user/repo}) of a known host.
   *
   * @param giturl any text (never throws)
   * @return the repository, or empty where hosted-git-info returns {@code undefined}
   */
  public static Optional<HostedGit> fromUrl(String giturl) {
    return HostedGitParser.fromUrl(giturl);
  }

  /** The hosting service (hosted-git-info's {@code type}). */
  public GitHost host() {
    return host;
  }

  /** The user or organisation, when the input had one (gists and bare shortcuts may not). */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** {@code user[:password]} from the URL, for protocols where hosted-git-info keeps it. */
  public Optional<String> auth() {
    return Optional.ofNullable(auth);
  }

  /** The repository name without {@code .git}. */
  public String project() {
    return project;
  }

  /**
   * hosted-git-info's {@code committish} exactly: the fragment when the input had one, and for many
   * full URLs an empty string even without a {@code #} (the library keeps {@code ''} there); empty
   * only where the library leaves it {@code undefined} or {@code null}. Every rendering treats an
   * empty string as no committish.
   */
  public Optional<String> committish() {
    return Optional.ofNullable(committish);
  }

  /**
   * The form the input had: {@code shortcut}, {@code sshurl}, {@code https}, {@code git} or {@code
   * http} (hosted-git-info's {@code getDefaultRepresentation()}).
   */
  public String defaultRepresentation() {
    return defaultRepresentation;
  }

  /** Equal when every field is. */
  @Override
  public boolean equals(Object o) {
    return o instanceof HostedGit h
        && h.host == host
        && java.util.Objects.equals(h.user, user)
        && java.util.Objects.equals(h.auth, auth)
        && h.project.equals(project)
        && java.util.Objects.equals(h.committish, committish)
        && h.defaultRepresentation.equals(defaultRepresentation);
  }

  /** Hash of every field. */
  @Override
  public int hashCode() {
    return java.util.Objects.hash(host, user, auth, project, committish, defaultRepresentation);
  }

  /** The default representation with {@code git+} and the committish (the saveSpec form). */
  @Override
  public String toString() {
    return render(false, false).orElse("");
  }

  /** {@code git@domain:user/project.git#committish} (scp-like ssh). */
  public String ssh(boolean noCommittish) {
    String path = host == GitHost.GIST ? project : user + "/" + project;
    return "git@" + host.domain() + ":" + path + ".git" + hash(noCommittish);
  }

  /** {@code git+ssh://git@domain/user/project.git#committish}, without {@code git+} if asked. */
  public String sshUrl(boolean noGitPlus, boolean noCommittish) {
    String path = host == GitHost.GIST ? project : user + "/" + project;
    return plus(
        "git+ssh://git@" + host.domain() + "/" + path + ".git" + hash(noCommittish), noGitPlus);
  }

  /**
   * {@code git+https://[auth@]domain/user/project.git#committish} (per host), {@code git+}
   * optional.
   */
  public String https(boolean noGitPlus, boolean noCommittish) {
    String s =
        switch (host) {
          case GIST -> "git+https://" + host.domain() + "/" + project + ".git";
          case SOURCEHUT -> "https://" + host.domain() + "/" + user + "/" + project;
          default ->
              "git+https://"
                  + (auth == null || auth.isEmpty() ? "" : auth + "@")
                  + host.domain()
                  + "/"
                  + user
                  + "/"
                  + project
                  + ".git";
        };
    return plus(s + hash(noCommittish), noGitPlus);
  }

  /** {@code git://domain/user/project.git#committish}; only github and gist have this form. */
  public Optional<String> git(boolean noCommittish) {
    return switch (host) {
      case GITHUB ->
          Optional.of(
              "git://"
                  + (auth == null || auth.isEmpty() ? "" : auth + "@")
                  + host.domain()
                  + "/"
                  + user
                  + "/"
                  + project
                  + ".git"
                  + hash(noCommittish));
      case GIST ->
          Optional.of("git://" + host.domain() + "/" + project + ".git" + hash(noCommittish));
      default -> Optional.empty();
    };
  }

  /** {@code type:user/project#committish}, e.g. {@code github:npm/cli#v1}. */
  public String shortcut(boolean noCommittish) {
    String path = host == GitHost.GIST ? project : user + "/" + project;
    return host.shortcut() + ":" + path + hash(noCommittish);
  }

  /**
   * hosted-git-info's {@code toString(opts)}: the default representation's form ({@code http} has
   * none and falls back to ssh-url; {@code git} on a host without a git form renders nothing, which
   * is empty here).
   */
  public Optional<String> render(boolean noGitPlus, boolean noCommittish) {
    return switch (defaultRepresentation) {
      case "shortcut" -> Optional.of(plus(shortcut(noCommittish), noGitPlus));
      case "https" -> Optional.of(https(noGitPlus, noCommittish));
      case "git" -> git(noCommittish).map(s -> plus(s, noGitPlus));
      default -> Optional.of(sshUrl(noGitPlus, noCommittish));
    };
  }

  /**
   * hosted-git-info's {@code docs()}: the repository's web page ({@code …#readme}), at the
   * committish (URI-component encoded) when there is one; a gist's page for gists.
   */
  public String docs() {
    String c =
        committish == null || committish.isEmpty()
            ? ""
            : EcmaStrings.encodeUriComponent(committish);
    if (host == GitHost.GIST) {
      return "https://" + host.domain() + "/" + project + (c.isEmpty() ? "" : "/" + c);
    }
    String treepath = host == GitHost.BITBUCKET ? "src" : "tree";
    return "https://"
        + host.domain()
        + "/"
        + user
        + "/"
        + project
        + (c.isEmpty() ? "" : "/" + treepath + "/" + c)
        + "#readme";
  }

  /**
   * hosted-git-info's {@code bugs()}: the issue tracker page; empty for SourceHut, which has no
   * bugs template.
   */
  public Optional<String> bugs() {
    return switch (host) {
      case SOURCEHUT -> Optional.empty();
      case GIST -> Optional.of("https://" + host.domain() + "/" + project);
      default -> Optional.of("https://" + host.domain() + "/" + user + "/" + project + "/issues");
    };
  }

  private String hash(boolean noCommittish) {
    return noCommittish || committish == null || committish.isEmpty() ? "" : "#" + committish;
  }

  private static String plus(String s, boolean noGitPlus) {
    return noGitPlus && s.startsWith("git+") ? s.substring(4) : s;
  }
}
