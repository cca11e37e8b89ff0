package dev.quoll.registry.packages;

import dev.quoll.registry.storage.MetadataStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node {@link LocalNames}: every package name in the store, read once at start, plus the
 * names this process publishes after that. It answers from memory alone; it is correct as long as
 * this process is the only writer of the store (the embedded SQLite default). Names are never
 * forgotten (Quoll has no unpublish of whole packages), so the set only grows, by one entry per
 * package published here.
 */
public final class KnownLocalNames implements LocalNames {
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  private KnownLocalNames() {}

  /**
   * Reads all package names of a store.
   *
   * @param store the metadata store this process writes
   * @return the set, holding every name the store held when this returned
   */
  public static KnownLocalNames load(MetadataStore store) {
    KnownLocalNames known = new KnownLocalNames();
    known.names.addAll(store.listPackageNames());
    return known;
  }

  @Override
  public boolean mayBeLocal(String name) {
    return names.contains(name);
  }

  @Override
  public void publishing(String name) {
    names.add(name);
  }

  /** How many names are known. */
  public int size() {
    return names.size();
  }
}
