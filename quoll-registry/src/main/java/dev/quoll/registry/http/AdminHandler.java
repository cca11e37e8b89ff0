package dev.quoll.registry.http;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.accounts.AccountService;
import dev.quoll.registry.accounts.Identity;
import dev.quoll.registry.packages.PackageGovernance;

/**
 * Registry administration over HTTP, for the users named in the {@code admins} config key (403 for
 * everyone else, after authentication):
 *
 * <ul>
 *   <li>{@code DELETE /-/quoll/admin/package/<name>}: releases the placeholder a whole-package
 *       unpublish left, so anyone may publish the name again (versions used before stay used);
 *   <li>{@code POST /-/quoll/admin/user/<name>/deactivate}: deactivates an account: every token of
 *       it stops working at once and its password no longer logs in;
 *   <li>{@code POST /-/quoll/admin/user/<name>/reactivate}: gives a deactivated account its
 *       password back (its old tokens stay revoked: the user logs in again); 400 for an account
 *       that is not deactivated.
 * </ul>
 *
 * Each answers 200 {@code {"ok": true}}; an admin request needs the OTP of auth-and-writes 2FA.
 */
final class AdminHandler {
  private final PackageGovernance governance;
  private final AccountService accounts;
  private final Authenticator auth;

  AdminHandler(PackageGovernance governance, AccountService accounts, Authenticator auth) {
    this.governance = governance;
    this.accounts = accounts;
    this.auth = auth;
  }

  void releaseName(Exchange ex, PackageName name) {
    Identity admin = requireAdmin(ex, name.name());
    governance.releaseName(name, admin);
    ex.ok(200);
  }

  void deactivateUser(Exchange ex, String user) {
    Identity admin = requireAdmin(ex, "");
    if (admin.name().equals(user)) {
      throw new RegistryException(Kind.BAD_REQUEST, "An admin cannot deactivate themselves");
    }
    accounts.deactivate(user);
    ex.ok(200);
  }

  void reactivateUser(Exchange ex, String user) {
    requireAdmin(ex, "");
    accounts.reactivate(user);
    ex.ok(200);
  }

  private Identity requireAdmin(Exchange ex, String packageName) {
    Identity who = auth.requireWrite(ex, packageName);
    if (!governance.isAdmin(who)) {
      throw new RegistryException(Kind.FORBIDDEN, "Only a registry admin may do this");
    }
    return who;
  }
}
