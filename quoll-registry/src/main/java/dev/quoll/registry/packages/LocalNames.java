package dev.quoll.registry.packages;

/**
 * Which package names may be published here, asked on every read before the store so that reads of
 * uplink packages need not query the metadata store (architecture note "Uplink").
 *
 * <p>Contract: {@link #mayBeLocal} never answers {@code false} for a name that has been published
 * here, as soon as the write that publishes it has been attempted (a publish calls {@link
 * #publishing} before writing its first version). Answering {@code true} for a name the store does
 * not hold is allowed: the caller then asks the store, which has the last word. A package published
 * here always shadows the uplink's package of the same name, so a wrong {@code false} would mix
 * versions of two packages (dependency confusion); a wrong {@code true} only costs a store query.
 *
 * <p>With several registry nodes on one database, an implementation must also learn of names first
 * published by other nodes (e.g. through PostgreSQL LISTEN/NOTIFY) before answering {@code false}.
 */
public interface LocalNames {
  /**
   * @param name a package name, e.g. {@code @scope/pkg}
   * @return {@code false} only when the name is certainly not published here
   */
  boolean mayBeLocal(String name);

  /**
   * Records that a package of this name is about to be written here; from this call on {@link
   * #mayBeLocal} answers {@code true} for it (also when the write then fails).
   *
   * @param name a package name
   */
  void publishing(String name);
}
