package dev.quoll.core.hostedgit;

import dev.quoll.core.CoreException;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.url.WhatwgUrl;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * hosted-git-info 9's {@code fromUrl}: recognises a git URL, scp-like address, host shortcut
 * ({@code github:}, {@code gitlab:}, {@code bitbucket:}, {@code gist:}, {@code sourcehut:}) or
 * GitHub shorthand ({@code user/repo}) of a known host, with the same corrections of almost-URLs
 * the library makes before handing them to the WHATWG URL parser.
 *
 * <p>Contract: {@link #fromUrl} is present exactly when hosted-git-info returns a GitHost, with the
 * same type, user, auth, project, committish and default representation.
 */
final class HostedGitParser {
  /** Protocols hosted-git-info knows, with whether it keeps auth and the representation name. */
  private static final Set<String> KNOWN =
      Set.of(
          "git+ssh:",
          "ssh:",
          "git+https:",
          "git:",
          "http:",
          "https:",
          "git+http:",
          "github:",
          "bitbucket:",
          "gitlab:",
          "gist:",
          "sourcehut:");

  private static final Set<String> KEEPS_AUTH =
      Set.of("git+https:", "git:", "http:", "https:", "git+http:");

  private HostedGitParser() {}

  static Optional<HostedGit> fromUrl(String giturl) {
    if (giturl.isEmpty() || cannotBeUrl(giturl)) {
      return Optional.empty();
    }
    String corrected = isGitHubShorthand(giturl) ? "github:" + giturl : giturl;
    Optional<WhatwgUrl> maybe = parseUrl(corrected);
    if (maybe.isEmpty()) {
      return Optional.empty();
    }
    WhatwgUrl parsed = maybe.get();
    String protocol = parsed.protocol();
    Optional<GitHost> byShortcut = GitHost.byProtocol(protocol);
    String hostname = parsed.hostname();
    Optional<GitHost> byDomain =
        GitHost.byDomain(hostname.startsWith("www.") ? hostname.substring(4) : hostname);
    if (byShortcut.isEmpty() && byDomain.isEmpty()) {
      return Optional.empty();
    }
    GitHost host = byShortcut.orElseGet(byDomain::get);
    String auth = null;
    if (KEEPS_AUTH.contains(protocol)
        && (!parsed.username().isEmpty() || !parsed.password().isEmpty())) {
      auth = parsed.username() + (parsed.password().isEmpty() ? "" : ":" + parsed.password());
    }
    try {
      if (byShortcut.isPresent()) {
        return Optional.of(shortcut(host, parsed, auth));
      }
      if (!host.protocols().contains(protocol)) {
        return Optional.empty();
      }
      String[] segments = extract(host, parsed);
      if (segments == null) {
        return Optional.empty();
      }
      String user =
          segments[0] == null || segments[0].isEmpty() ? segments[0] : decode(segments[0]);
      String project = decode(segments[1]);
      String committish = decode(segments[2] == null ? "undefined" : segments[2]);
      String representation =
          switch (protocol) {
            case "git+ssh:", "ssh:" -> "sshurl";
            case "git+https:" -> "https";
            default -> protocol.substring(0, protocol.length() - 1);
          };
      return Optional.of(new HostedGit(host, user, auth, project, committish, representation));
    } catch (CoreException uriError) {
      return Optional.empty();
    }
  }

  private static HostedGit shortcut(GitHost host, WhatwgUrl parsed, String auth) {
    String pathname = parsed.pathname();
    if (pathname.startsWith("/")) {
      pathname = pathname.substring(1);
    }
    int at = pathname.indexOf('@');
    if (at > -1) {
      pathname = pathname.substring(at + 1);
    }
    int lastSlash = pathname.lastIndexOf('/');
    String user = null;
    String project;
    if (lastSlash > -1) {
      user = decode(pathname.substring(0, lastSlash));
      if (user.isEmpty()) {
        user = null;
      }
      project = decode(pathname.substring(lastSlash + 1));
    } else {
      project = decode(pathname);
    }
    if (project.endsWith(".git")) {
      project = project.substring(0, project.length() - 4);
    }
    String hash = parsed.hash();
    String committish = hash.isEmpty() ? null : decode(hash.substring(1));
    return new HostedGit(host, user, auth, project, committish, "shortcut");
  }

  /** Each host's {@code extract}: {user, project, committish} or null. */
  private static String[] extract(GitHost host, WhatwgUrl url) {
    String[] split = jsSplit(url.pathname(), 5);
    String hashValue = url.hash().isEmpty() ? "" : url.hash().substring(1);
    switch (host) {
      case GITHUB -> {
        String user = at(split, 1);
        String project = at(split, 2);
        String type = at(split, 3);
        String committish = at(split, 4);
        if (type != null && !type.isEmpty() && !type.equals("tree")) {
          return null;
        }
        if (type == null || type.isEmpty()) {
          committish = hashValue;
        }
        if (project != null && project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        if (user == null || user.isEmpty() || project == null || project.isEmpty()) {
          return null;
        }
        return new String[] {user, project, committish};
      }
      case BITBUCKET, SOURCEHUT -> {
        String user = at(split, 1);
        String project = at(split, 2);
        String aux = at(split, 3);
        if ((host == GitHost.BITBUCKET ? "get" : "archive").equals(aux)) {
          return null;
        }
        if (project != null && project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        if (user == null || user.isEmpty() || project == null || project.isEmpty()) {
          return null;
        }
        return new String[] {user, project, hashValue};
      }
      case GITLAB -> {
        String path = url.pathname().isEmpty() ? "" : url.pathname().substring(1);
        if (path.contains("/-/") || path.contains("/archive.tar.gz")) {
          return null;
        }
        String[] segments = path.split("/", -1);
        String project = segments[segments.length - 1];
        if (project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        String user = String.join("/", Arrays.copyOf(segments, segments.length - 1));
        if (user.isEmpty() || project.isEmpty()) {
          return null;
        }
        return new String[] {user, project, hashValue};
      }
      case GIST -> {
        String user = at(split, 1);
        String project = at(split, 2);
        String aux = at(split, 3);
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
        return new String[] {user, project, hashValue};
      }
      default -> throw new IllegalStateException();
    }
  }

  /** JavaScript's {@code s.split('/', limit)}. */
  private static String[] jsSplit(String s, int limit) {
    String[] all = s.split("/", -1);
    return all.length > limit ? Arrays.copyOf(all, limit) : all;
  }

  private static String at(String[] a, int i) {
    return i < a.length ? a[i] : null;
  }

  private static String decode(String s) {
    return EcmaStrings.decodeUriComponent(s);
  }

  /**
   * A text without {@code /}, {@code :} and {@code @} (every semver range and dist-tag) is no
   * GitHub shorthand (that needs a slash), and {@code correctProtocol} turns it into {@code
   * //text}, which the WHATWG URL parser rejects without a base (no scheme), as does {@code
   * correctUrl}, which keeps a text containing {@code //}. So hosted-git-info returns undefined for
   * it; this answers that without the URL parser.
   */
  private static boolean cannotBeUrl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || c == ':' || c == '@') {
        return false;
      }
    }
    return true;
  }

  /** hosted-git-info's {@code isGitHubShorthand}. */
  static boolean isGitHubShorthand(String arg) {
    int firstHash = arg.indexOf('#');
    int firstSlash = arg.indexOf('/');
    int secondSlash = arg.indexOf('/', firstSlash + 1);
    int firstColon = arg.indexOf(':');
    int firstSpace = -1;
    for (int i = 0; i < arg.length(); i++) {
      if (EcmaStrings.isWhiteSpace(arg.charAt(i))) {
        firstSpace = i;
        break;
      }
    }
    int firstAt = arg.indexOf('@');
    boolean spaceOnlyAfterHash = firstSpace == -1 || (firstHash > -1 && firstSpace > firstHash);
    boolean atOnlyAfterHash = firstAt == -1 || (firstHash > -1 && firstAt > firstHash);
    boolean colonOnlyAfterHash = firstColon == -1 || (firstHash > -1 && firstColon > firstHash);
    boolean secondSlashOnlyAfterHash =
        secondSlash == -1 || (firstHash > -1 && secondSlash > firstHash);
    boolean hasSlash = firstSlash > 0;
    boolean doesNotEndWithSlash =
        firstHash > -1 ? firstHash == 0 || arg.charAt(firstHash - 1) != '/' : !arg.endsWith("/");
    boolean doesNotStartWithDot = !arg.startsWith(".");
    return spaceOnlyAfterHash
        && hasSlash
        && doesNotEndWithSlash
        && doesNotStartWithDot
        && atOnlyAfterHash
        && colonOnlyAfterHash
        && secondSlashOnlyAfterHash;
  }

  /** hosted-git-info's {@code parseUrl}: the URL as given, else after the scp-like correction. */
  static Optional<WhatwgUrl> parseUrl(String giturl) {
    String withProtocol = correctProtocol(giturl);
    Optional<WhatwgUrl> direct = WhatwgUrl.parse(withProtocol);
    return direct.isPresent() ? direct : WhatwgUrl.parse(correctUrl(withProtocol));
  }

  private static String correctProtocol(String arg) {
    int firstColon = arg.indexOf(':');
    String proto = arg.substring(0, firstColon + 1);
    if (KNOWN.contains(proto)) {
      return arg;
    }
    if (substr(arg, firstColon, 3).equals("://")) {
      return arg;
    }
    int firstAt = arg.indexOf('@');
    if (firstAt > -1) {
      return firstAt > firstColon ? "git+ssh://" + arg : arg;
    }
    return arg.substring(0, firstColon + 1) + "//" + arg.substring(firstColon + 1);
  }

  /** JavaScript's {@code String.prototype.substr(start, length)}. */
  private static String substr(String s, int start, int length) {
    int from = start < 0 ? Math.max(s.length() + start, 0) : Math.min(start, s.length());
    return s.substring(from, Math.min(from + length, s.length()));
  }

  private static int lastIndexOfBefore(String s, char c, char before) {
    int start = s.indexOf(before);
    return s.lastIndexOf(c, start > -1 ? start : Integer.MAX_VALUE);
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
