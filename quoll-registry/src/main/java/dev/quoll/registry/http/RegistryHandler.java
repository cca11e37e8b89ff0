package dev.quoll.registry.http;

import dev.quoll.core.CoreException;
import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.ProfileService;
import dev.quoll.registry.accounts.TokenService;
import dev.quoll.registry.accounts.WebLoginSessions;
import dev.quoll.registry.orgs.OrgService;
import dev.quoll.registry.orgs.TeamService;
import dev.quoll.registry.packages.PackageGovernance;
import dev.quoll.registry.packages.PackageQueries;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.uplink.UplinkService;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The registry's one Jetty handler: gives each request an id (sent back as {@code x-request-id}),
 * routes the raw path ({@link Routes}) to the handler of its resource, turns failures into npm's
 * {@code {"error": "..."}} answers with the status of their {@link RegistryException.Kind} (an
 * invalid name in a path is 404 on reads, 400 on writes; other {@link CoreException}s are 400), and
 * writes one {@link RequestLog} line per request.
 */
public final class RegistryHandler extends Handler.Abstract {
  private final PackumentHandler packuments;
  private final PublishHandler publish;
  private final TarballHandler tarballs;
  private final DistTagsHandler distTags;
  private final GovernanceHandler governance;
  private final OrgHandler orgs;
  private final AdminHandler admin;
  private final UserHandler users;
  private final WebLoginHandler webLogin;
  private final TokensHandler tokens;
  private final ProfileHandler profile;
  private final Authenticator auth;
  private final boolean hsts;
  private final RequestLog log;

  /**
   * @param packages the package service
   * @param governance deprecate, owners, stars and unpublish
   * @param orgs orgs, teams and team access
   * @param accounts the account service
   * @param security the token and profile services, trusted proxies and HSTS
   * @param maxPublishBody the largest publish body accepted, in bytes
   * @param uplink the uplink proxy, when one is configured
   * @param webLogin the sessions of web login and sign-up
   * @param baseUrl the registry's public base URL (for loginUrl and doneUrl)
   * @param log where request lines go
   */
  public RegistryHandler(
      PackageService packages,
      PackageGovernance governance,
      Orgs orgs,
      AccountService accounts,
      Security security,
      long maxPublishBody,
      Optional<UplinkService> uplink,
      WebLoginSessions webLogin,
      URI baseUrl,
      RequestLog log) {
    Authenticator auth =
        new Authenticator(
            accounts, new ClientAddress(security.trustedProxies()), java.time.Clock.systemUTC());
    this.auth = auth;
    this.hsts = security.hsts();
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.tokens = new TokensHandler(security.tokens(), auth, base);
    this.profile = new ProfileHandler(security.profiles(), auth);
    this.packuments = new PackumentHandler(packages, uplink, auth);
    PackageWriteGuard guard = new PackageWriteGuard(auth, packages);
    this.publish =
        new PublishHandler(
            packages, governance, auth, guard, maxPublishBody, orgs.teams()::created);
    this.tarballs = new TarballHandler(packages, uplink, auth);
    this.governance = new GovernanceHandler(governance, new PackageQueries(packages), auth, guard);
    this.orgs =
        new OrgHandler(orgs.orgs(), orgs.teams(), new PackageQueries(packages), auth, guard);
    this.admin = new AdminHandler(governance, accounts, auth);
    this.distTags = new DistTagsHandler(packages, auth, guard);
    this.users = new UserHandler(accounts, auth);
    this.webLogin = new WebLoginHandler(webLogin, baseUrl, auth);
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long t0 = System.nanoTime();
    Instant start = Instant.now();
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
    response.getHeaders().put("x-request-id", id);
    if (hsts) {
      response.getHeaders().put("Strict-Transport-Security", "max-age=31536000");
    }
    Exchange ex = new Exchange(request, response);
    String address = "-";
    try {
      address = auth.address(ex);
      dispatch(ex);
    } catch (RegistryException e) {
      if (e.retryAfterSeconds() > 0 && !ex.committed()) {
        ex.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
      }
      fail(ex, e.kind(), e.getMessage());
      if (e.kind() == Kind.INTERNAL) {
        e.printStackTrace();
      }
    } catch (CoreException e) {
      fail(ex, Kind.BAD_REQUEST, e.getMessage());
    } catch (Exception e) {
      e.printStackTrace();
      fail(ex, Kind.INTERNAL, "Internal server error (request " + id + ")");
    }
    callback.succeeded();
    log.log(
        new RequestLog.Entry(
            start,
            id,
            address,
            ex.method(),
            ex.rawPath(),
            ex.status(),
            ex.bytes(),
            (System.nanoTime() - t0) / 1_000_000,
            ex.header("User-Agent"),
            ex.header("npm-command")));
    return true;
  }

  private static void fail(Exchange ex, Kind kind, String message) {
    if (ex.committed()) {
      return;
    }
    switch (kind) {
      case OTP_REQUIRED -> ex.setHeader("WWW-Authenticate", "OTP");
      case IP_NOT_ALLOWED -> ex.setHeader("WWW-Authenticate", "ipaddress");
      case UNAUTHORIZED ->
          ex.setHeader(
              "WWW-Authenticate",
              BasicCredentials.isBasic(ex.header("Authorization"))
                  ? "Basic realm=\"quoll\""
                  : "Bearer realm=\"quoll\"");
      default -> {}
    }
    ex.error(kind.status(), message);
  }

  /**
   * The security pieces of the handler.
   *
   * @param tokens the token API
   * @param profiles the profile and 2FA API
   * @param trustedProxies proxies whose X-Forwarded-For is believed
   * @param hsts whether to send Strict-Transport-Security (when serving TLS)
   */
  public record Security(
      TokenService tokens,
      ProfileService profiles,
      java.util.List<dev.quoll.registry.accounts.Cidr> trustedProxies,
      boolean hsts) {
    /** Copies the list. */
    public Security {
      trustedProxies = java.util.List.copyOf(trustedProxies);
    }
  }

  /**
   * The org pieces of the handler.
   *
   * @param orgs orgs and members
   * @param teams teams and team access
   */
  public record Orgs(OrgService orgs, TeamService teams) {}

  private void dispatch(Exchange ex) throws Exception {
    String m = ex.method();
    boolean read = m.equals("GET") || m.equals("HEAD");
    Route route = Routes.parse(ex.rawPath());
    if (!read
        && !(route instanceof Route.CouchUser
            || route instanceof Route.UserToken
            || route instanceof Route.WebLoginStart
            || route instanceof Route.WebLoginPage
            || route instanceof Route.Unknown)) {
      auth.refuseReadOnly(ex);
    }
    switch (route) {
      case Route.Ping p -> {
        only(read);
        ex.json(200, dev.quoll.core.json.Json.object());
      }
      case Route.Whoami w -> {
        only(read);
        users.whoami(ex);
      }
      case Route.Package p -> {
        if (read) {
          packuments.packument(ex, name(p.rawName(), true));
        } else if (m.equals("PUT")) {
          publish.publish(ex, name(p.rawName(), false));
        } else {
          only(false);
        }
      }
      case Route.PackageRev p -> {
        switch (m) {
          case "PUT" -> publish.changeWithRev(ex, name(p.rawName(), false));
          case "DELETE" -> governance.unpublishAll(ex, name(p.rawName(), false));
          default -> only(false);
        }
      }
      case Route.TarballRev t -> {
        only(m.equals("DELETE"));
        governance.removeTarball(ex, name(t.rawName(), false), decode(t.rawFile()));
      }
      case Route.PackageVisibility v -> {
        only(read);
        governance.visibility(ex, name(v.rawName(), true));
      }
      case Route.PackageAccessLevel a -> {
        only(m.equals("POST"));
        governance.setAccess(ex, name(a.rawName(), false));
      }
      case Route.AdminPackage a -> {
        only(m.equals("DELETE"));
        admin.releaseName(ex, name(a.rawName(), false));
      }
      case Route.AdminDeactivateUser a -> {
        only(m.equals("POST"));
        admin.deactivateUser(ex, decode(a.rawUser()));
      }
      case Route.AdminReactivateUser a -> {
        only(m.equals("POST"));
        admin.reactivateUser(ex, decode(a.rawUser()));
      }
      case Route.PackageCollaborators c -> {
        only(read);
        orgs.collaborators(ex, name(c.rawName(), true));
      }
      case Route.UserPackages u -> {
        only(read);
        governance.userPackages(ex, decode(u.rawUser()));
      }
      case Route.StarredByUser s -> {
        only(read);
        governance.starredByUser(ex);
      }
      case Route.Version v -> {
        only(read);
        packuments.version(ex, name(v.rawName(), true), decode(v.rawSpec()));
      }
      case Route.Tarball t -> {
        only(read);
        tarballs.tarball(ex, name(t.rawName(), true), decode(t.rawFile()));
      }
      case Route.DistTags d -> {
        only(read);
        distTags.list(ex, name(d.rawName(), true));
      }
      case Route.DistTag d -> {
        switch (m) {
          case "PUT", "POST" -> distTags.put(ex, name(d.rawName(), false), decode(d.rawTag()));
          case "DELETE" -> distTags.delete(ex, name(d.rawName(), false), decode(d.rawTag()));
          default -> only(false);
        }
      }
      case Route.WebLoginStart w -> {
        only(m.equals("POST"));
        webLogin.start(ex);
      }
      case Route.WebLoginDone d -> {
        only(read);
        webLogin.done(ex, decode(d.rawSession()));
      }
      case Route.WebLoginPage pg -> {
        if (m.equals("POST")) {
          webLogin.submit(ex, decode(pg.rawSession()));
        } else {
          only(read);
          webLogin.page(ex, decode(pg.rawSession()));
        }
      }
      case Route.CouchUser u -> {
        if (m.equals("PUT")) {
          users.login(ex, decode(u.rawUser()));
        } else {
          only(read);
          users.show(ex, decode(u.rawUser()));
        }
      }
      case Route.UserToken t -> {
        only(m.equals("DELETE"));
        users.logout(ex, decode(t.rawToken()));
      }
      case Route.Tokens t -> {
        if (m.equals("POST")) {
          tokens.create(ex);
        } else {
          only(read);
          tokens.list(ex);
        }
      }
      case Route.TokenKey t -> {
        only(m.equals("DELETE"));
        tokens.revoke(ex, decode(t.rawKey()));
      }
      case Route.Profile p -> {
        if (m.equals("POST")) {
          profile.post(ex);
        } else {
          only(read);
          profile.get(ex);
        }
      }
      case Route.Org o -> {
        only(m.equals("PUT"));
        orgs.createOrg(ex, segment(o.rawOrg()));
      }
      case Route.OrgUsers o -> {
        String org = segment(o.rawOrg());
        switch (m) {
          case "PUT" -> orgs.setMember(ex, org);
          case "DELETE" -> orgs.removeMember(ex, org);
          default -> {
            only(read);
            orgs.listMembers(ex, org);
          }
        }
      }
      case Route.OrgTeams o -> {
        if (m.equals("PUT")) {
          orgs.createTeam(ex, segment(o.rawOrg()));
        } else {
          only(read);
          orgs.listTeams(ex, segment(o.rawOrg()));
        }
      }
      case Route.OrgPackages o -> {
        only(read);
        orgs.orgPackages(ex, segment(o.rawOrg()));
      }
      case Route.Team t -> {
        only(m.equals("DELETE"));
        orgs.destroyTeam(ex, segment(t.rawOrg()), decode(t.rawTeam()));
      }
      case Route.TeamUsers t -> {
        String org = segment(t.rawOrg());
        String team = decode(t.rawTeam());
        switch (m) {
          case "PUT" -> orgs.addTeamMember(ex, org, team);
          case "DELETE" -> orgs.removeTeamMember(ex, org, team);
          default -> {
            only(read);
            orgs.listTeamMembers(ex, org, team);
          }
        }
      }
      case Route.TeamPackages t -> {
        String org = segment(t.rawOrg());
        String team = decode(t.rawTeam());
        switch (m) {
          case "PUT" -> orgs.grant(ex, org, team);
          case "DELETE" -> orgs.revoke(ex, org, team);
          default -> {
            only(read);
            orgs.teamPackages(ex, org, team);
          }
        }
      }
      case Route.Unknown u -> throw new RegistryException(Kind.NOT_FOUND, "Not found");
    }
  }

  private static void only(boolean allowed) {
    if (!allowed) {
      throw new RegistryException(Kind.METHOD_NOT_ALLOWED, "Method not allowed");
    }
  }

  private static PackageName name(String raw, boolean read) {
    try {
      return PackageName.fromRegistryPath(raw);
    } catch (CoreException e) {
      throw new RegistryException(read ? Kind.NOT_FOUND : Kind.BAD_REQUEST, e.getMessage());
    }
  }

  /** A decoded org name from a path segment, without a leading {@code @}. */
  private static String segment(String raw) {
    return OrgHandler.stripAt(decode(raw));
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(Kind.BAD_REQUEST, "Bad percent-encoding in path");
    }
  }
}
