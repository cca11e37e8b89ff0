package dev.quoll.client.tree;

import dev.quoll.core.CoreException;

/**
 * A dependency tree that cannot be built: {@code ERESOLVE} (a peer dependency conflict, with npm's
 * explanation in {@link #explanation()}), {@code ETARGET} (no version matches a spec), {@code E404}
 * (no such package), {@code EBADPLATFORM} (a required package for another platform), {@code
 * EUNSUPPORTEDPROTOCOL} (a spec kind the builder does not resolve yet).
 */
public final class ResolveException extends CoreException {
  private static final long serialVersionUID = 1L;

  private final String explanation;

  /**
   * @param code npm's error code
   * @param message npm's one-line message
   * @param explanation the multi-line report npm prints (for ERESOLVE), else the message
   */
  public ResolveException(String code, String message, String explanation) {
    super(code, message);
    this.explanation = explanation;
  }

  /**
   * For ERESOLVE, npm 11's report text ({@code lib/utils/explain-eresolve.js} at depth 4): "While
   * resolving", "Found", "Could not resolve dependency", "Conflicting peer dependency" and the fix
   * advice; otherwise the message.
   */
  public String explanation() {
    return explanation;
  }
}
