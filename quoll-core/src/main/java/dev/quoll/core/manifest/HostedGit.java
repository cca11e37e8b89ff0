package dev.quoll.core.manifest;

import java.util.Optional;

/**
 * The part of hosted-git-info 9 that manifest normalisation uses: {@code fromUrl(url)} for GitHub,
 * GitLab, Bitbucket, Gist and SourceHut shortcuts, scp-style and full URLs, and the representations
 * {@code toString()}, {@code https()}, {@code docs()}, {@code bugs()} and {@code
 * getDefaultRepresentation()}.
 *
 * <p>TODO(dev.quoll.core.spec): a private stand-in written while dev.quoll.core.spec (the full
 * hosted-git-info port) is being written on another branch. Merge into that port: {@link
 * HostedGitParser} (shorthand rules, {@code correctProtocol}/{@code correctUrl}, per-host {@code
 * extract}), the templates of this record, {@link UriComponent} and {@link WhatwgUrl}.
 *
 * @param host the host's name ({@code github}, {@code gitlab}, ...)
 * @param user the user or group path, or null (gists)
 * @param auth {@code user[:password]} from the URL, or null
 * @param project the repository name without {@code .git}
 * @param committish the fragment, or null
 * @param representation the default representation ({@code shortcut}, {@code https}, {@code
 *     sshurl}, {@code git}, {@code http}, ...)
 */
record HostedGit(
    String host,
    String user,
    String auth,
    String project,
    String committish,
    String representation) {

  /**
   * {@code hostedGitInfo.fromUrl(url)}.
   *
   * @param giturl a repository URL or shortcut
   * @return the hosted repository, or empty when the URL is not one of a known host
   */
  static Optional<HostedGit> fromUrl(String giturl) {
    return HostedGitParser.fromUrl(giturl);
  }

  /** The representation npm's {@code toString()} gives: the default one. */
  String defaultString() {
    return switch (representation) {
      case "shortcut" -> shortcut();
      case "https" -> https();
      case "git" -> git();
      case "sshurl" -> sshurl();
      case "ssh" -> ssh();
      default -> sshurl();
    };
  }

  private boolean gist() {
    return host.equals("gist");
  }

  private String hashPart() {
    return committish == null || committish.isEmpty() ? "" : "#" + committish;
  }

  private String domain() {
    return switch (host) {
      case "github" -> "github.com";
      case "bitbucket" -> "bitbucket.org";
      case "gitlab" -> "gitlab.com";
      case "gist" -> "gist.github.com";
      default -> "git.sr.ht";
    };
  }

  private String userProject() {
    return gist() ? project : user + "/" + project;
  }

  /** {@code https()}. */
  String https() {
    if (host.equals("sourcehut")) {
      return "https://" + domain() + "/" + user + "/" + project + hashPart();
    }
    String authPart = gist() || auth == null || auth.isEmpty() ? "" : auth + "@";
    return "git+https://" + authPart + domain() + "/" + userProject() + ".git" + hashPart();
  }

  /** {@code sshurl()}. */
  String sshurl() {
    return "git+ssh://git@" + domain() + "/" + userProject() + ".git" + hashPart();
  }

  /** {@code ssh()}. */
  String ssh() {
    return "git@" + domain() + ":" + userProject() + ".git" + hashPart();
  }

  /** {@code git()}: only GitHub and Gist have a git template; others give null. */
  String git() {
    if (host.equals("github")) {
      String authPart = auth == null || auth.isEmpty() ? "" : auth + "@";
      return "git://" + authPart + domain() + "/" + userProject() + ".git" + hashPart();
    }
    if (gist()) {
      return "git://" + domain() + "/" + project + ".git" + hashPart();
    }
    return null;
  }

  /** {@code shortcut()}. */
  String shortcut() {
    return host + ":" + userProject() + hashPart();
  }

  /** {@code docs()}. */
  String docs() {
    String c = committish == null || committish.isEmpty() ? "" : UriComponent.encode(committish);
    if (gist()) {
      return "https://" + domain() + "/" + project + (c.isEmpty() ? "" : "/" + c);
    }
    String treepath = host.equals("bitbucket") ? "src" : "tree";
    return "https://"
        + domain()
        + "/"
        + user
        + "/"
        + project
        + (c.isEmpty() ? "" : "/" + treepath + "/" + c)
        + "#readme";
  }

  /** {@code bugs()}, empty for SourceHut. */
  Optional<String> bugs() {
    if (host.equals("sourcehut")) {
      return Optional.empty();
    }
    if (gist()) {
      return Optional.of("https://" + domain() + "/" + project);
    }
    return Optional.of("https://" + domain() + "/" + user + "/" + project + "/issues");
  }
}
