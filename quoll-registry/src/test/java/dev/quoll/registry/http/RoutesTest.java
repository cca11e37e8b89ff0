package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Raw-path routing: every form npm and other clients send. */
class RoutesTest {
  private static void routes(String path, Route expected) {
    assertEquals(expected, Routes.parse(path), path);
  }

  @Test
  void packagesAndVersions() {
    routes("/lodash", new Route.Package("lodash"));
    routes("/@s%2fp", new Route.Package("@s/p"));
    routes("/@s%2Fp", new Route.Package("@s/p"));
    routes("/@s/p", new Route.Package("@s/p"));
    routes("/%40s%2fp", new Route.Package("%40s/p"));
    routes("/lodash/4.17.21", new Route.Version("lodash", "4.17.21"));
    routes("/@s%2fp/latest", new Route.Version("@s/p", "latest"));
    routes("/@s/p/1.0.0", new Route.Version("@s/p", "1.0.0"));
  }

  @Test
  void tarballs() {
    routes("/a/-/a-1.0.0.tgz", new Route.Tarball("a", "a-1.0.0.tgz"));
    routes("/@s/p/-/p-1.0.0.tgz", new Route.Tarball("@s/p", "p-1.0.0.tgz"));
    routes("/@s%2fp/-/p-1.0.0.tgz", new Route.Tarball("@s/p", "p-1.0.0.tgz"));
    routes("/@s/p/-/@s/p-1.0.0.tgz", new Route.Tarball("@s/p", "p-1.0.0.tgz"));
  }

  @Test
  void apiEndpoints() {
    routes("/-/ping", new Route.Ping());
    routes("/-/whoami", new Route.Whoami());
    routes("/-/package/@s%2fp/dist-tags", new Route.DistTags("@s%2fp"));
    routes("/-/package/a/dist-tags/beta", new Route.DistTag("a", "beta"));
    routes("/-/user/org.couchdb.user:alice", new Route.CouchUser("alice"));
    routes("/-/user/token/quoll_x", new Route.UserToken("quoll_x"));
    routes("/-/v1/login", new Route.WebLoginStart());
    routes("/-/v1/done/abc_-1", new Route.WebLoginDone("abc_-1"));
    routes("/-/web/login/abc_-1", new Route.WebLoginPage("abc_-1"));
    routes("/-/v1/done/", new Route.Unknown());
    routes("/-/web/login/a/b", new Route.Unknown());
  }

  @Test
  void everythingElseIsUnknown() {
    for (String p :
        new String[] {
          "/", "//", "/a/b/c", "/a//b", "/@s/p/q/r", "/-/nope", "/a/-/x/y.tgz", "/-/user/token/"
        }) {
      routes(p, new Route.Unknown());
    }
  }
}
