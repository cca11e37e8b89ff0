package dev.quoll.core.hostedgit;

import java.util.List;
import java.util.Optional;

/**
 * The git hosting services hosted-git-info 9 knows, with their domains and the URL protocols under
 * which it recognises them.
 */
public enum GitHost {
  /** github.com. */
  GITHUB(
      "github", "github.com", List.of("git:", "http:", "git+ssh:", "git+https:", "ssh:", "https:")),
  /** bitbucket.org. */
  BITBUCKET("bitbucket", "bitbucket.org", List.of("git+ssh:", "git+https:", "ssh:", "https:")),
  /** gitlab.com. */
  GITLAB("gitlab", "gitlab.com", List.of("git+ssh:", "git+https:", "ssh:", "https:")),
  /** gist.github.com. */
  GIST("gist", "gist.github.com", List.of("git:", "git+ssh:", "git+https:", "ssh:", "https:")),
  /** git.sr.ht. */
  SOURCEHUT("sourcehut", "git.sr.ht", List.of("git+ssh:", "https:"));

  private final String shortcut;
  private final String domain;
  private final List<String> protocols;

  GitHost(String shortcut, String domain, List<String> protocols) {
    this.shortcut = shortcut;
    this.domain = domain;
    this.protocols = protocols;
  }

  /**
   * The name used in shortcuts ({@code github:user/repo}) and as hosted-git-info's {@code type}.
   */
  public String shortcut() {
    return shortcut;
  }

  /** The host's domain, e.g. {@code github.com}. */
  public String domain() {
    return domain;
  }

  /** The URL protocols (with colon) under which URLs of this host are recognised. */
  List<String> protocols() {
    return protocols;
  }

  /** The host whose shortcut protocol is {@code protocol} (e.g. {@code "gitlab:"}). */
  static Optional<GitHost> byProtocol(String protocol) {
    for (GitHost h : values()) {
      if (protocol.equals(h.shortcut + ":")) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /** The host serving {@code domain} (e.g. {@code "github.com"}). */
  static Optional<GitHost> byDomain(String domain) {
    for (GitHost h : values()) {
      if (domain.equals(h.domain)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }
}
