package dev.quoll.core.name;

import java.util.List;

/**
 * The verdict on a package name, shaped like validate-npm-package-name 7's result.
 *
 * @param validForNewPackages no errors and no warnings: the name may be used for a new package
 * @param validForOldPackages no errors: the name may belong to a package published long ago
 * @param errors the library's error messages, in its order (empty when there are none)
 * @param warnings the library's warning messages, in its order (empty when there are none)
 */
public record NameValidation(
    boolean validForNewPackages,
    boolean validForOldPackages,
    List<String> errors,
    List<String> warnings) {

  /** Copies the lists; the flags must agree with them. */
  public NameValidation {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if (validForOldPackages != errors.isEmpty()
        || validForNewPackages != (errors.isEmpty() && warnings.isEmpty())) {
      throw new IllegalArgumentException("flags disagree with errors/warnings");
    }
  }

  static NameValidation of(List<String> errors, List<String> warnings) {
    return new NameValidation(
        errors.isEmpty() && warnings.isEmpty(), errors.isEmpty(), errors, warnings);
  }
}
