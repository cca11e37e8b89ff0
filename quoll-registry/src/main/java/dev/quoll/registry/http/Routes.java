package dev.quoll.registry.http;

/**
 * Maps a raw request path (percent-encoding intact, query removed) to a {@link Route}.
 *
 * <p>Rules: scoped names are accepted as {@code @scope%2fname} (npm-package-arg 13's escapedName),
 * {@code @scope%2Fname} and {@code @scope/name} (npm's "DWIM" guideline, wire note §1.2); tarball
 * paths are {@code /<name>/-/<file>}, where libnpmpublish's own form {@code /@s/p/-/@s/p-1.0.0.tgz}
 * is also accepted; everything under {@code /-/} is an API endpoint.
 */
public final class Routes {
  private Routes() {}

  /**
   * @param rawPath the path as on the request line, starting with {@code /}
   * @return the route, {@link Route.Unknown} when nothing matches
   */
  public static Route parse(String rawPath) {
    if (rawPath.equals("/-/ping")) {
      return new Route.Ping();
    }
    if (rawPath.equals("/-/whoami")) {
      return new Route.Whoami();
    }
    if (rawPath.equals("/-/npm/v1/tokens")) {
      return new Route.Tokens();
    }
    if (rawPath.startsWith("/-/npm/v1/tokens/token/")) {
      String rest = rawPath.substring("/-/npm/v1/tokens/token/".length());
      return rest.isEmpty() || rest.contains("/") ? new Route.Unknown() : new Route.TokenKey(rest);
    }
    if (rawPath.equals("/-/npm/v1/user")) {
      return new Route.Profile();
    }
    if (rawPath.equals("/-/v1/login")) {
      return new Route.WebLoginStart();
    }
    if (rawPath.startsWith("/-/v1/done/")) {
      String rest = rawPath.substring("/-/v1/done/".length());
      return rest.isEmpty() || rest.contains("/")
          ? new Route.Unknown()
          : new Route.WebLoginDone(rest);
    }
    if (rawPath.startsWith("/-/web/login/")) {
      String rest = rawPath.substring("/-/web/login/".length());
      return rest.isEmpty() || rest.contains("/")
          ? new Route.Unknown()
          : new Route.WebLoginPage(rest);
    }
    if (rawPath.startsWith("/-/user/org.couchdb.user:")) {
      String rest = rawPath.substring("/-/user/org.couchdb.user:".length());
      return rest.isEmpty() || rest.contains("/") ? new Route.Unknown() : new Route.CouchUser(rest);
    }
    if (rawPath.startsWith("/-/user/token/")) {
      String rest = rawPath.substring("/-/user/token/".length());
      return rest.isEmpty() || rest.contains("/") ? new Route.Unknown() : new Route.UserToken(rest);
    }
    if (rawPath.startsWith("/-/quoll/admin/package/")) {
      String rest = rawPath.substring("/-/quoll/admin/package/".length());
      return rest.isEmpty() || !isName(literalScopeSlash(rest))
          ? new Route.Unknown()
          : new Route.AdminPackage(rest);
    }
    if (rawPath.startsWith("/-/quoll/admin/user/") && rawPath.endsWith("/deactivate")) {
      String rest =
          rawPath.substring(
              "/-/quoll/admin/user/".length(), rawPath.length() - "/deactivate".length());
      return rest.isEmpty() || rest.contains("/")
          ? new Route.Unknown()
          : new Route.AdminDeactivateUser(rest);
    }
    if (rawPath.startsWith("/-/quoll/admin/user/") && rawPath.endsWith("/reactivate")) {
      String rest =
          rawPath.substring(
              "/-/quoll/admin/user/".length(), rawPath.length() - "/reactivate".length());
      return rest.isEmpty() || rest.contains("/")
          ? new Route.Unknown()
          : new Route.AdminReactivateUser(rest);
    }
    if (rawPath.startsWith("/-/user/") && rawPath.endsWith("/package")) {
      String rest = rawPath.substring("/-/user/".length(), rawPath.length() - "/package".length());
      return rest.isEmpty() || rest.contains("/")
          ? new Route.Unknown()
          : new Route.UserPackages(rest);
    }
    if (rawPath.startsWith("/-/org/") || rawPath.startsWith("/-/team/")) {
      return orgRoute(rawPath);
    }
    if (rawPath.equals("/-/_view/starredByUser")) {
      return new Route.StarredByUser();
    }
    if (rawPath.startsWith("/-/package/")) {
      String rest = rawPath.substring("/-/package/".length());
      for (String leaf : new String[] {"/visibility", "/access", "/collaborators"}) {
        if (rest.endsWith(leaf) && rest.length() > leaf.length()) {
          String name = rest.substring(0, rest.length() - leaf.length());
          if (isName(literalScopeSlash(name))) {
            return switch (leaf) {
              case "/access" -> new Route.PackageAccessLevel(name);
              case "/collaborators" -> new Route.PackageCollaborators(name);
              default -> new Route.PackageVisibility(name);
            };
          }
        }
      }
      int at = rest.indexOf("/dist-tags");
      if (at <= 0) {
        return new Route.Unknown();
      }
      String name = rest.substring(0, at);
      String tail = rest.substring(at + "/dist-tags".length());
      if (tail.isEmpty() || tail.equals("/")) {
        return new Route.DistTags(name);
      }
      String tag = tail.substring(1);
      return tail.startsWith("/") && !tag.contains("/")
          ? new Route.DistTag(name, tag)
          : new Route.Unknown();
    }
    if (rawPath.startsWith("/-/") || rawPath.length() < 2 || !rawPath.startsWith("/")) {
      return new Route.Unknown();
    }
    String path = rawPath.substring(1);
    if (path.startsWith("@") || path.startsWith("%40")) {
      path = literalScopeSlash(path);
    }
    int revAt = path.lastIndexOf("/-rev/");
    if (revAt > 0) {
      String rev = path.substring(revAt + "/-rev/".length());
      if (rev.isEmpty() || rev.contains("/")) {
        return new Route.Unknown();
      }
      return switch (parse("/" + path.substring(0, revAt))) {
        case Route.Package p -> new Route.PackageRev(p.rawName(), rev);
        case Route.Tarball t -> new Route.TarballRev(t.rawName(), t.rawFile(), rev);
        default -> new Route.Unknown();
      };
    }
    int dash = path.indexOf("/-/");
    if (dash > 0) {
      String name = path.substring(0, dash);
      String file = path.substring(dash + 3);
      if (file.startsWith("@") && file.indexOf('/') > 0) {
        file = file.substring(file.indexOf('/') + 1);
      }
      return file.isEmpty() || file.contains("/") || !isName(name)
          ? new Route.Unknown()
          : new Route.Tarball(name, file);
    }
    String[] parts = path.split("/", -1);
    boolean scoped = path.startsWith("@") || path.startsWith("%40");
    int nameParts = scoped ? 2 : 1;
    if (parts.length < nameParts || parts.length > nameParts + 1) {
      return new Route.Unknown();
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        return new Route.Unknown();
      }
    }
    String name = scoped ? parts[0] + "/" + parts[1] : parts[0];
    return parts.length == nameParts
        ? new Route.Package(name)
        : new Route.Version(name, parts[nameParts]);
  }

  /**
   * {@code /-/org/<org>[/user|/team|/package]} and {@code /-/team/<org>/<team>[/user|/package]}.
   */
  private static Route orgRoute(String rawPath) {
    boolean org = rawPath.startsWith("/-/org/");
    String[] parts = rawPath.substring(org ? 7 : 8).split("/", -1);
    for (String p : parts) {
      if (p.isEmpty()) {
        return new Route.Unknown();
      }
    }
    if (org) {
      return switch (parts.length) {
        case 1 -> new Route.Org(parts[0]);
        case 2 ->
            switch (parts[1]) {
              case "user" -> new Route.OrgUsers(parts[0]);
              case "team" -> new Route.OrgTeams(parts[0]);
              case "package" -> new Route.OrgPackages(parts[0]);
              default -> new Route.Unknown();
            };
        default -> new Route.Unknown();
      };
    }
    return switch (parts.length) {
      case 2 -> new Route.Team(parts[0], parts[1]);
      case 3 ->
          switch (parts[2]) {
            case "user" -> new Route.TeamUsers(parts[0], parts[1]);
            case "package" -> new Route.TeamPackages(parts[0], parts[1]);
            default -> new Route.Unknown();
          };
      default -> new Route.Unknown();
    };
  }

  private static boolean isName(String name) {
    int slash = name.indexOf('/');
    return slash < 0
        || (name.startsWith("@") || name.startsWith("%40")) && slash == name.lastIndexOf('/');
  }

  /** Turns the first {@code %2f}/{@code %2F} of a scoped path into a literal slash. */
  private static String literalScopeSlash(String path) {
    int slash = path.indexOf('/');
    int lower = path.indexOf("%2f");
    int upper = path.indexOf("%2F");
    int escaped = lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
    if (escaped > 0 && (slash < 0 || escaped < slash)) {
      return path.substring(0, escaped) + "/" + path.substring(escaped + 3);
    }
    return path;
  }
}
