package dev.quoll.core.spec;

import dev.quoll.core.CoreException;
import dev.quoll.core.name.EcmaStrings;

/**
 * npm-package-arg 13's {@code setGitAttrs}: the fragment of a git spec split on {@code ::} into one
 * committish, or one {@code semver:} range, plus one {@code path:} subdirectory; unknown {@code
 * key:value} parts are ignored. Fields may be null (absent).
 */
record GitAttrs(String committish, String range, String subdir) {
  static final GitAttrs NONE = new GitAttrs(null, null, null);

  static GitAttrs parse(String fragment) {
    if (fragment == null || fragment.isEmpty()) {
      return NONE;
    }
    String committish = null;
    String range = null;
    String subdir = null;
    for (String part : fragment.split("::", -1)) {
      if (!part.contains(":")) {
        if (range != null && !range.isEmpty()) {
          throw fail("cannot override existing semver range with a committish");
        }
        if (committish != null && !committish.isEmpty()) {
          throw fail("cannot override existing committish with a second committish");
        }
        committish = part;
        continue;
      }
      String[] kv = part.split(":", -1);
      String key = kv[0];
      String value = kv[1];
      if (key.equals("semver")) {
        if (committish != null && !committish.isEmpty()) {
          throw fail("cannot override existing committish with a semver range");
        }
        if (range != null && !range.isEmpty()) {
          throw fail("cannot override existing semver range with a second semver range");
        }
        try {
          range = EcmaStrings.decodeUriComponent(value);
        } catch (CoreException e) {
          throw fail("URI malformed");
        }
      } else if (key.equals("path")) {
        if (subdir != null) {
          throw fail("cannot override existing path with a second path");
        }
        subdir = "/" + value;
      }
    }
    return new GitAttrs(committish, range, subdir);
  }

  private static CoreException fail(String message) {
    return new CoreException("EINVALIDSPEC", message);
  }
}
