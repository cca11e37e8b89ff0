package dev.quoll.registry.access;

import dev.quoll.core.packument.Packument;
import dev.quoll.core.packument.Person;
import java.util.List;

/**
 * What the access policy needs to know about a package, taken from its stored document once per
 * write (so reads never parse a document to decide access).
 *
 * @param name the package name
 * @param owners the user names that may write it: its maintainers, or for the tombstone of a fully
 *     unpublished package the maintainers it records
 * @param restricted whether only its owners (and admins) may read it (npm's {@code restricted}
 *     access level, seed R-052)
 * @param unpublished whether it is the tombstone of a whole-package unpublish
 * @param mfa npm access set mfa: {@code none}, {@code publish} (a publish needs the publisher's 2FA
 *     and an OTP) or {@code automation} (as publish, but automation tokens, created with {@code
 *     bypass_2fa}, may publish without)
 * @param vacant whether the name was released by a registry admin after an unpublish (no versions,
 *     no tombstone): it reads as absent and anyone may publish it
 */
public record PackageAccess(
    String name,
    List<String> owners,
    boolean restricted,
    boolean unpublished,
    String mfa,
    boolean vacant) {
  /** The stored document's field that holds the access level (stripped from what is served). */
  public static final String FIELD = "_access";

  /** The stored document's field that holds the mfa setting (stripped from what is served). */
  public static final String MFA_FIELD = "_mfa";

  /** Copies the list. */
  public PackageAccess {
    owners = List.copyOf(owners);
  }

  /**
   * @param stored the package document as stored (with {@value #FIELD})
   * @return its access facts
   */
  public static PackageAccess of(Packument stored) {
    List<String> owners =
        stored.isUnpublished()
            ? stored.time().unpublished().stream()
                .flatMap(u -> u.maintainers().stream())
                .map(Person::name)
                .toList()
            : stored.maintainers().stream().map(Person::name).toList();
    boolean restricted =
        stored.field(FIELD).map(f -> f.asText().equals("restricted")).orElse(false);
    return new PackageAccess(
        stored.name(),
        owners,
        restricted,
        stored.isUnpublished(),
        stored.field(MFA_FIELD).map(f -> f.asText()).orElse("none"),
        !stored.isUnpublished() && stored.versions().isEmpty());
  }

  /** A public package with no owners (an uplink package). */
  public static PackageAccess open(String name) {
    return new PackageAccess(name, List.of(), false, false, "none", false);
  }
}
