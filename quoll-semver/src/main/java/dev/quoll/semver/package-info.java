/**
 * npm's semver, node-semver 7 (differentially tested against {@code semver@7.8.5}, the version npm
 * 11 bundles): versions, ranges and comparators with node-semver's exact grammar, ordering,
 * formatting and error messages. No runtime dependencies.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link dev.quoll.semver.Version}: {@code parse}, {@code tryParse}, ordering ({@code
 *       compareTo}, {@code compareMain}, {@code comparePre}, {@code compareBuild}), {@code inc}.
 *   <li>{@link dev.quoll.semver.Range}: {@code parse}, {@code tryParse}, {@code test}, {@code
 *       maxSatisfying}, {@code minSatisfying}, {@code intersects}, {@code toString} (node-semver's
 *       normalised range).
 *   <li>{@link dev.quoll.semver.Comparator}: one primitive comparator; {@code test}, {@code
 *       intersects}.
 *   <li>{@link dev.quoll.semver.Semver}: node-semver's top-level functions over strings ({@code
 *       valid}, {@code clean}, {@code satisfies}, {@code maxSatisfying}, {@code minVersion}, {@code
 *       validRange}, {@code subset}, {@code coerce}, {@code inc}, {@code diff}, {@code sort}, ...).
 *   <li>{@link dev.quoll.semver.Options}: {@code loose} and {@code includePrerelease}.
 * </ul>
 *
 * <p>Invalid input raises {@link dev.quoll.semver.SemverException} (an {@link
 * java.lang.IllegalArgumentException}) with node-semver's message; functions that return {@code
 * null} in node-semver return an empty {@link java.util.Optional}. All types are immutable and
 * thread-safe; nothing is cached globally. For repeated matching parse a {@code Range} once and
 * call {@code test}: testing uses no regular expressions and allocates nothing for parsed versions.
 */
package dev.quoll.semver;
