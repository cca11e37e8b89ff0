package dev.quoll.client.tree;

import java.util.List;
import java.util.Set;

/**
 * The options that steer placement (arborist 9's PlaceDep options) and where warnings go.
 *
 * @param force --force: accept peer conflicts with a warning
 * @param legacyPeerDeps --legacy-peer-deps: peer dependencies are ignored
 * @param strictPeerDeps --strict-peer-deps: every peer conflict is an error
 * @param preferDedupe --prefer-dedupe: keep an existing node whenever it satisfies the edge
 * @param updateNames names being updated (their existing nodes are re-resolved)
 * @param warnings where ERESOLVE warnings ("overriding peer dependency") are appended
 */
record PlaceSettings(
    boolean force,
    boolean legacyPeerDeps,
    boolean strictPeerDeps,
    boolean preferDedupe,
    Set<String> updateNames,
    List<String> warnings) {}
