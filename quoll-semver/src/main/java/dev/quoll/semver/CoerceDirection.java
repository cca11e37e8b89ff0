package dev.quoll.semver;

/**
 * Which version-like run {@code coerce} picks from a string: node-semver 7's default (the first,
 * left to right) or its {@code rtl} option (the right-most run that does not share its end with a
 * run further left, e.g. {@code 2.3.4} from {@code 1.2.3.4}).
 */
public enum CoerceDirection {
  /** node-semver's default. */
  LEFT_TO_RIGHT,
  /** node-semver's {@code {rtl: true}}. */
  RIGHT_TO_LEFT
}
