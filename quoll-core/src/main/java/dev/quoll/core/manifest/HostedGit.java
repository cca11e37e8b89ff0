package dev.quoll.core.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The part of hosted-git-info 9 that manifest normalisation uses: {@code fromUrl(url)} for GitHub,
 * GitLab, Bitbucket, Gist and SourceHut shortcuts, scp-style and full URLs, and the representations
 * {@code toString()}, {@code https()}, {@code docs()}, {@code bugs()} and {@code
 * getDefaultRepresentation()}.
 *
 * <p>TODO(dev.quoll.core.spec): a private stand-in written while dev.quoll.core.spec (the full
 * hosted-git-info port) is being written on another branch. Merge into that class: the shorthand
 * rules ({@code isGitHubShorthand}), {@code correctProtocol}/{@code correctUrl}, per-host {@code
 * extract}, the templates, and {@link WhatwgUrl}.
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
          user = decodeUriComponent(pathname.substring(0, lastSlash));
          if (user.isEmpty()) {
            user = null;
          }
          project = decodeUriComponent(pathname.substring(lastSlash + 1));
        } else {
          project = decodeUriComponent(pathname);
        }
        if (project.endsWith(".git")) {
          project = project.substring(0, project.length() - 4);
        }
        String committish =
            parsed.hash().isEmpty() ? null : decodeUriComponent(parsed.hash().substring(1));
        return Optional.of(new HostedGit(host, user, auth, project, committish, "shortcut"));
      }
      if (!HOST_PROTOCOLS.get(host).contains(" " + parsed.protocol() + " ")) {
        return Optional.empty();
      }
      String[] seg = extract(host, parsed);
      if (seg == null) {
        return Optional.empty();
      }
      String user = seg[0] == null || seg[0].isEmpty() ? seg[0] : decodeUriComponent(seg[0]);
      String project = decodeUriComponent(seg[1]);
      String committish = seg[2] == null ? "undefined" : decodeUriComponent(seg[2]);
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
    String c = committish == null || committish.isEmpty() ? "" : encodeUriComponent(committish);
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

  /**
   * JavaScript's {@code decodeURIComponent}.
   *
   * @throws IllegalArgumentException where JavaScript throws {@code URIError}
   */
  static String decodeUriComponent(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      bytes.reset();
      int first = hexByte(s, i);
      int len =
          first < 0x80
              ? 1
              : first >= 0xc2 && first < 0xe0
                  ? 2
                  : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : -1;
      if (len < 0) {
        throw new IllegalArgumentException("URI malformed");
      }
      for (int k = 0; k < len; k++) {
        bytes.write(hexByte(s, i + 3 * k));
      }
      i += 3 * len;
      try {
        out.append(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())));
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("URI malformed", e);
      }
    }
    return out.toString();
  }

  private static int hexByte(String s, int i) {
    if (i + 2 >= s.length() || s.charAt(i) != '%') {
      throw new IllegalArgumentException("URI malformed");
    }
    try {
      return Integer.parseInt(s.substring(i + 1, i + 3), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("URI malformed", e);
    }
  }

  /** JavaScript's {@code encodeURIComponent}. */
  static String encodeUriComponent(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", (int) c));
      }
    }
    return b.toString();
  }
}
