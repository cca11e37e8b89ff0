package dev.quoll.client.tree;

import dev.quoll.client.registry.NotFoundDetail;
import dev.quoll.core.CoreException;

/**
 * npm's report of a package the registry does not have or will not show (npm 11 {@code
 * lib/utils/error-message.js}, case {@code E404}): after the fetch error's own line ({@code 404 Not
 * Found - GET <url> - <error>}), "The requested resource '{@code <pkgid>}' could not be found or
 * you do not have permission to access it.", the name rules a name not valid for new packages
 * breaks, and the hint that a tarball, folder, http url or git url can be installed instead ({@link
 * NotFoundDetail}). The pkgid is npm-package-arg's {@code toString()} of the spec pacote fetched
 * ({@code name@*} for a bare name).
 */
final class NotFound {
  private NotFound() {}

  /**
   * The E404 of a packument fetch, with npm's explanation.
   *
   * @param e the registry client's {@code E404}
   * @param pkgid the spec that was being resolved, e.g. {@code @scope/name@^1.0.0}
   * @return a {@link ResolveException} with code {@code E404}, the fetch's message, and npm's
   *     detail lines (from a blank line on) as its explanation
   */
  static ResolveException of(CoreException e, String pkgid) {
    String detail = String.join("\n", NotFoundDetail.lines(pkgid));
    return new ResolveException("E404", e.getMessage(), detail);
  }
}
