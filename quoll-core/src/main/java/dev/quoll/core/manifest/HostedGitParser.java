package dev.quoll.core.manifest;

import java.util.Map;
import java.util.Optional;

/**
 * hosted-git-info 9's {@code fromUrl}: recognises GitHub shorthands ({@code user/repo}), host
 * shortcuts ({@code github:}, {@code gitlab:}, {@code bitbucket:}, {@code gist:}, {@code
 * sourcehut:}), scp-style ({@code git@host:user/repo}) and full URLs of the five known hosts, and
 * extracts user, project, auth, committish and the default representation.
 *
 * <p>TODO(dev.quoll.core.spec): private stand-in; merge into the hosted-git-info port of
 * dev.quoll.core.spec (see {@link HostedGit}).
 */
final class HostedGitParser {
  private record Protocol(String name, boolean auth) {}

  private static final Map<String, Protocol> PROTOCOLS =
      Map.ofEntries(
          Map.entry("git+ssh:", new Protocol("sshurl", false)),
          Map.entry("ssh:", new Protocol("sshurl", false)),
          Map.entry("git+https:", new Protocol("https", true)),
          Map.entry("git:", new Protocol(null, true)),
          Map.entry("http:", new Protocol(null, true)),
          Map.entry("https:", new Protocol(null, true)),
          Map.entry("git+http:", new Protocol(null, true)),
          Map.entry("github:", new Protocol("github", false)),
          Map.entry("bitbucket:", new Protocol("bitbucket", false)),
          Map.entry("gitlab:", new Protocol("gitlab", false)),
          Map.entry("gist:", new Protocol("gist", false)),
          Map.entry("sourcehut:", new Protocol("sourcehut", false)));

  private static final Map<String, String> DOMAINS =
      Map.of(
          "github.com", "github",
          "bitbucket.org", "bitbucket",
          "gitlab.com", "gitlab",
          "gist.github.com", "gist",
          "git.sr.ht", "sourcehut");

  private static final Map<String, String> HOST_PROTOCOLS =
      Map.of(
          "github", " git: http: git+ssh: git+https: ssh: https: ",
          "bitbucket", " git+ssh: git+https: ssh: https: ",
          "gitlab", " git+ssh: git+https: ssh: https: ",
          "gist", " git: git+ssh: git+https: ssh: https: ",
          "sourcehut", " git+ssh: https: ");

  private HostedGitParser() {}

  /**
   * {@code hostedGitInfo.fromUrl(url)}.
   *
   * @param giturl a repository URL or shortcut
   * @return the hosted repository, or empty when the URL is not one of a known host
   */
  static Optional<HostedGit> fromUrl(String giturl) {
    if (giturl.isEmpty()) {
      return Optional.empty();
    }
    String corrected = isGitHubShorthand(giturl) ? "github:" + giturl : giturl;
    Optional<WhatwgUrl> maybe = parseUrl(corrected);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    WhatwgUrl parsed = maybe.get();
    Protocol proto = PROTOCOLS.get(parsed.protocol());
    String shortcutHost =
        proto != null && proto.name() != null && DOMAINS.containsValue(proto.name())
            ? proto.name()
            : null;
    String hostname =
        parsed.hostname().startsWith("www.") ? parsed.hostname().substring(4) : parsed.hostname();
    String host = shortcutHost != null ? shortcutHost : DOMAINS.get(hostname);
    if (host == null) {
      return Optional.empty();
    }
    String auth = null;
    if (proto != null
        && proto.auth()
        && (!parsed.username().isEmpty() || !parsed.password().isEmpty())) {
      auth = parsed.username() + (parsed.password().isEmpty() ? "" : ":" + parsed.password());
    }
    try {
      if (shortcutHost != null) {
        String pathname =
            parsed.pathname().startsWith("/") ? parsed.pathname().substring(1) : parsed.pathname();
        int firstAt = pathname.indexOf('@');
        if (firstAt > -1) {
          pathname = pathname.substring(firstAt + 1);
        }
        int lastSlash = pathname.lastIndexOf('/');
        String user = null;
        String project;
        if (lastSlash > -1) {
          user = UriComponent.decode(pathname.substring(0, lastSlash));
          if (user.isEmpty()) {
            user = null;
          }
          project = UriComponent.decode(pathname.substring(lastSlash + 1));
        } else {
          project = UriComponent.decode(pathname);
        }
        if (project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        String committish =
            parsed.hash().isEmpty() ? null : UriComponent.decode(parsed.hash().substring(1));
        return Optional.of(new HostedGit(host, user, auth, project, committish, "shortcut"));
      }
      if (!HOST_PROTOCOLS.get(host).contains(" " + parsed.protocol() + " ")) {
        return Optional.empty();
      }
      String[] seg = extract(host, parsed);
      if (seg == null) {
        return Optional.empty();
      }
      String user = seg[0] == null || seg[0].isEmpty() ? seg[0] : UriComponent.decode(seg[0]);
      String project = UriComponent.decode(seg[1]);
      String committish = seg[2] == null ? "undefined" : UriComponent.decode(seg[2]);
      String rep =
          proto != null && proto.name() != null
              ? proto.name()
              : parsed.protocol().substring(0, parsed.protocol().length() - 1);
      return Optional.of(new HostedGit(host, user, auth, project, committish, rep));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** hosted-git-info's per-host {@code extract}: {user, project, committish} or null. */
  private static String[] extract(String host, WhatwgUrl url) {
    String[] parts = url.pathname().split("/", -1);
    String hash = url.hash().isEmpty() ? "" : url.hash().substring(1);
    switch (host) {
      case "github" -> {
        String user = at(parts, 1);
        String project = at(parts, 2);
        String type = at(parts, 3);
        String committish = at(parts, 4);
        if (type != null && !type.isEmpty() && !type.equals("tree")) {
          return null;
        }
        if (type == null || type.isEmpty()) {
          committish = hash;
        }
        if (project != null && project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        if (user == null || user.isEmpty() || project == null || project.isEmpty()) {
          return null;
        }
        return new String[] {user, project, committish};
      }
      case "bitbucket", "sourcehut" -> {
        String user = at(parts, 1);
        String project = at(parts, 2);
        String aux = at(parts, 3);
        if (host.equals("bitbucket") ? "get".equals(aux) : "archive".equals(aux)) {
          return null;
        }
        if (project != null && project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        if (user == null || user.isEmpty() || project == null || project.isEmpty()) {
          return null;
        }
        return new String[] {user, project, hash};
      }
      case "gitlab" -> {
        String path = url.pathname().isEmpty() ? "" : url.pathname().substring(1);
        if (path.contains("/-/") || path.contains("/archive.tar.gz")) {
          return null;
        }
        int last = path.lastIndexOf('/');
        String project = path.substring(last + 1);
        if (project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        String user = last < 0 ? "" : path.substring(0, last);
        if (user.isEmpty() || project.isEmpty()) {
          return null;
        }
        return new String[] {user, project, hash};
      }
      default -> {
        String user = at(parts, 1);
        String project = at(parts, 2);
        String aux = at(parts, 3);
        if ("raw".equals(aux)) {
          return null;
        }
        if (project == null || project.isEmpty()) {
          if (user == null || user.isEmpty()) {
            return null;
          }
          project = user;
          user = null;
        }
        if (project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        return new String[] {user, project, hash};
      }
    }
  }

  /** {@code pathname.split('/', 5)[i]}: the i-th part, or null past the end. */
  private static String at(String[] parts, int i) {
    return i < parts.length ? parts[i] : null;
  }

  /** hosted-git-info's {@code isGitHubShorthand}. */
  static boolean isGitHubShorthand(String arg) {
    int firstHash = arg.indexOf('#');
    int firstSlash = arg.indexOf('/');
    int secondSlash = arg.indexOf('/', firstSlash + 1);
    int firstColon = arg.indexOf(':');
    int firstSpace = -1;
    for (int i = 0; i < arg.length(); i++) {
      if (JsValues.isSpace(arg.charAt(i))) {
        firstSpace = i;
        break;
      }
    }
    int firstAt = arg.indexOf('@');
    boolean spaceOnlyAfterHash = firstSpace < 0 || (firstHash > -1 && firstSpace > firstHash);
    boolean atOnlyAfterHash = firstAt == -1 || (firstHash > -1 && firstAt > firstHash);
    boolean colonOnlyAfterHash = firstColon == -1 || (firstHash > -1 && firstColon > firstHash);
    boolean secondSlashOnlyAfterHash =
        secondSlash == -1 || (firstHash > -1 && secondSlash > firstHash);
    boolean hasSlash = firstSlash > 0;
    boolean doesNotEndWithSlash =
        firstHash > -1 ? firstHash == 0 || arg.charAt(firstHash - 1) != '/' : !arg.endsWith("/");
    return spaceOnlyAfterHash
        && hasSlash
        && doesNotEndWithSlash
        && !arg.startsWith(".")
        && atOnlyAfterHash
        && colonOnlyAfterHash
        && secondSlashOnlyAfterHash;
  }

  /** hosted-git-info's {@code parseUrl(url, protocols)}. */
  private static Optional<WhatwgUrl> parseUrl(String giturl) {
    String withProtocol = correctProtocol(giturl);
    Optional<WhatwgUrl> direct = WhatwgUrl.parse(withProtocol);
    return direct.isPresent() ? direct : WhatwgUrl.parse(correctUrl(withProtocol));
  }

  private static String correctProtocol(String arg) {
    int firstColon = arg.indexOf(':');
    String proto = arg.substring(0, firstColon + 1);
    if (PROTOCOLS.containsKey(proto)) {
      return arg;
    }
    if (firstColon >= 0 && arg.startsWith("://", firstColon)) {
      return arg;
    }
    int firstAt = arg.indexOf('@');
    if (firstAt > -1) {
      return firstAt > firstColon ? "git+ssh://" + arg : arg;
    }
    return arg.substring(0, firstColon + 1) + "//" + arg.substring(firstColon + 1);
  }

  private static int lastIndexOfBefore(String str, char c, char before) {
    int start = str.indexOf(before);
    return start > -1 ? str.lastIndexOf(c, start) : str.lastIndexOf(c);
  }

  private static String correctUrl(String giturl) {
    int firstAt = lastIndexOfBefore(giturl, '@', '#');
    int lastColonBeforeHash = lastIndexOfBefore(giturl, ':', '#');
    if (lastColonBeforeHash > firstAt) {
      giturl =
          giturl.substring(0, lastColonBeforeHash)
              + "/"
              + giturl.substring(lastColonBeforeHash + 1);
    }
    if (lastIndexOfBefore(giturl, ':', '#') == -1 && !giturl.contains("//")) {
      giturl = "git+ssh://" + giturl;
    }
    return giturl;
  }
}
