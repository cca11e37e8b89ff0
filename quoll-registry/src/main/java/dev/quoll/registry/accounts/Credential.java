package dev.quoll.registry.accounts;

import dev.quoll.registry.storage.MetadataStore.Token;

/**
 * An authenticated request: who it is and the token it came with (with that token's restrictions).
 *
 * @param identity the user
 * @param token the stored token record (never its text)
 */
public record Credential(Identity identity, Token token) {
  /**
   * Whether the token may change the account (create tokens, change the profile or 2FA): only a
   * full token, neither read-only nor limited to packages.
   */
  public boolean full() {
    return !token.readonly() && !token.grants().restricted();
  }

  /**
   * Whether the token may write to a package: not read-only, and for a granular token, the package
   * is listed (or {@code *} for all, npm's {@code --packages-all}) or its scope is, with the
   * permission {@code read-write}.
   *
   * @param packageName e.g. {@code @s/p} or {@code p}
   */
  public boolean mayWrite(String packageName) {
    if (token.readonly()) {
      return false;
    }
    var g = token.grants();
    if (!g.restricted()) {
      return true;
    }
    if (!g.packagesPermission().equals("read-write")) {
      return false;
    }
    String scope =
        packageName.startsWith("@") && packageName.indexOf('/') > 0
            ? packageName.substring(0, packageName.indexOf('/'))
            : "";
    return g.packages().contains("*")
        || g.packages().contains(packageName)
        || !scope.isEmpty()
            && (g.scopes().contains(scope) || g.scopes().contains(scope.substring(1)));
  }

  /**
   * Whether the token may change an org (its members, teams and team access): not read-only, and
   * for a granular token, the org is listed with the org permission {@code read-write} (npm 11's
   * {@code --orgs} and {@code --orgs-permission}; wire note §14).
   *
   * @param org the org name, without {@code @}
   */
  public boolean mayWriteOrg(String org) {
    if (token.readonly()) {
      return false;
    }
    var g = token.grants();
    return !g.restricted()
        || g.orgsPermission().equals("read-write")
            && (g.orgs().contains(org) || g.orgs().contains("@" + org));
  }
}
