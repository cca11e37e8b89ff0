package dev.quoll.semver;

import java.util.ArrayList;
import java.util.List;

/**
 * node-semver 7's {@code SemVer.prototype.inc}, step for step, on a mutable copy of a version.
 *
 * <p>Contract: {@link #apply} returns the version node-semver's {@code inc} leaves behind (its
 * {@code toString()} equals node-semver's {@code .version}, including oddities such as a dotted
 * identifier stored as one prerelease part) or throws {@link SemverException} with node-semver's
 * message where node-semver throws.
 */
final class Increment {
  private final boolean loose;
  private final List<String> build;
  private long major;
  private long minor;
  private long patch;
  private List<PrereleaseIdentifier> pre;

  Increment(Version v, boolean loose) {
    this.loose = loose;
    this.build = v.build();
    this.major = v.major();
    this.minor = v.minor();
    this.patch = v.patch();
    this.pre = new ArrayList<>(v.prerelease());
  }

  Version apply(ReleaseType type, String identifier, IdentifierBase base) {
    step(type, identifier, base);
    return new Version(major, minor, patch, pre, build);
  }

  private void step(ReleaseType type, String identifier, IdentifierBase base) {
    if (type.isPre()) {
      if (identifier.isEmpty() && base == IdentifierBase.NONE) {
        throw new SemverException("invalid increment argument: identifier is empty");
      }
      if (!identifier.isEmpty() && !validIdentifier(identifier)) {
        throw new SemverException("invalid identifier: " + identifier);
      }
    }
    switch (type) {
      case PREMAJOR -> {
        pre.clear();
        patch = 0;
        minor = 0;
        major++;
        step(ReleaseType.PRE, identifier, base);
      }
      case PREMINOR -> {
        pre.clear();
        patch = 0;
        minor++;
        step(ReleaseType.PRE, identifier, base);
      }
      case PREPATCH -> {
        pre.clear();
        step(ReleaseType.PATCH, identifier, base);
        step(ReleaseType.PRE, identifier, base);
      }
      case PRERELEASE -> {
        if (pre.isEmpty()) {
          step(ReleaseType.PATCH, identifier, base);
        }
        step(ReleaseType.PRE, identifier, base);
      }
      case RELEASE -> {
        if (pre.isEmpty()) {
          throw new SemverException(
              "version " + new Version(major, minor, patch, pre, build) + " is not a prerelease");
        }
        pre.clear();
      }
      case MAJOR -> {
        if (minor != 0 || patch != 0 || pre.isEmpty()) {
          major++;
        }
        minor = 0;
        patch = 0;
        pre.clear();
      }
      case MINOR -> {
        if (patch != 0 || pre.isEmpty()) {
          minor++;
        }
        patch = 0;
        pre.clear();
      }
      case PATCH -> {
        if (pre.isEmpty()) {
          patch++;
        }
        pre.clear();
      }
      case PRE -> pre(identifier, base);
    }
  }

  private void pre(String identifier, IdentifierBase base) {
    PrereleaseIdentifier start =
        new PrereleaseIdentifier.Numeric(base == IdentifierBase.ONE ? 1 : 0);
    if (pre.isEmpty()) {
      pre.add(start);
    } else {
      boolean bumped = false;
      for (int i = pre.size() - 1; i >= 0; i--) {
        if (pre.get(i) instanceof PrereleaseIdentifier.Numeric(long value)) {
          pre.set(i, new PrereleaseIdentifier.Numeric(value + 1));
          bumped = true;
          break;
        }
      }
      if (!bumped) {
        if (identifier.equals(joined()) && base == IdentifierBase.NONE) {
          throw new SemverException("invalid increment argument: identifier already exists");
        }
        pre.add(start);
      }
    }
    if (!identifier.isEmpty()) {
      List<PrereleaseIdentifier> replacement = new ArrayList<>();
      replacement.add(new PrereleaseIdentifier.Text(identifier));
      if (base != IdentifierBase.NONE) {
        replacement.add(start);
      }
      List<String> parts = JsText.split(identifier, ".");
      if (startsWith(parts)) {
        if (parts.size() >= pre.size() || isNaN(pre.get(parts.size()))) {
          pre = replacement;
        }
      } else {
        pre = replacement;
      }
    }
  }

  /** node-semver's {@code isPrereleaseIdentifier}: the prerelease begins with these parts. */
  private boolean startsWith(List<String> parts) {
    if (parts.size() > pre.size()) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (PrereleaseIdentifier.compare(pre.get(i), new PrereleaseIdentifier.Text(parts.get(i)))
          != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNaN(PrereleaseIdentifier id) {
    return switch (id) {
      case PrereleaseIdentifier.Numeric n -> false;
      case PrereleaseIdentifier.Text t -> Double.isNaN(JsText.toNumber(t.value()));
    };
  }

  private String joined() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pre.size(); i++) {
      b.append(i == 0 ? "" : ".").append(pre.get(i));
    }
    return b.toString();
  }

  /**
   * Whether {@code ("-" + identifier).match(PRERELEASE)[1] === identifier}, including the length
   * bounds of node-semver's safe regular expressions.
   */
  private boolean validIdentifier(String identifier) {
    if (VersionParser.identifiers(identifier, 0, loose) != identifier.length()) {
      return false;
    }
    for (String part : JsText.split(identifier, ".")) {
      int digits = 0;
      while (digits < part.length() && JsText.isDigit(part.charAt(digits))) {
        digits++;
      }
      boolean fits =
          digits == part.length()
              ? part.length() <= (loose || part.charAt(0) == '0' ? 256 : 257)
              : digits <= 256 && part.length() - digits - 1 <= 250;
      if (!fits) {
        return false;
      }
    }
    return true;
  }
}
