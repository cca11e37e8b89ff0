package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.CoreException;

/**
 * What a {@link Node} is made from: folder name, normalized manifest, resolution, and how its edges
 * are loaded ({@code top} loads dev edges; {@code legacyPeerDeps} drops peer edges).
 */
record NodeInit(
    String name,
    ObjectNode pkg,
    String resolved,
    String integrity,
    CoreException error,
    Node sourceReference,
    Node linkTarget,
    boolean top,
    boolean legacyPeerDeps,
    Overrides overrides) {

  static NodeInit of(String name, ObjectNode pkg, String resolved, String integrity) {
    return new NodeInit(name, pkg, resolved, integrity, null, null, null, false, false, null);
  }

  NodeInit withTop(boolean t) {
    return new NodeInit(
        name,
        pkg,
        resolved,
        integrity,
        error,
        sourceReference,
        linkTarget,
        t,
        legacyPeerDeps,
        overrides);
  }

  NodeInit withLegacyPeerDeps(boolean l) {
    return new NodeInit(
        name, pkg, resolved, integrity, error, sourceReference, linkTarget, top, l, overrides);
  }

  NodeInit withError(CoreException e) {
    return new NodeInit(
        name,
        pkg,
        resolved,
        integrity,
        e,
        sourceReference,
        linkTarget,
        top,
        legacyPeerDeps,
        overrides);
  }

  NodeInit withSource(Node source) {
    return new NodeInit(
        name, pkg, resolved, integrity, error, source, linkTarget, top, legacyPeerDeps, overrides);
  }

  NodeInit withLink(Node target) {
    return new NodeInit(
        name,
        pkg,
        resolved,
        integrity,
        error,
        sourceReference,
        target,
        top,
        legacyPeerDeps,
        overrides);
  }

  NodeInit withOverrides(Overrides o) {
    return new NodeInit(
        name, pkg, resolved, integrity, error, sourceReference, linkTarget, top, legacyPeerDeps, o);
  }
}
