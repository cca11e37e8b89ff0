package dev.quoll.client.tree;

/** arborist 9's answers to "can this dependency go in this folder?" ({@code can-place-dep.js}). */
enum Placement {
  /** Nothing there yet and nothing breaks: place it. */
  OK,
  /** Something of that name is there and may be replaced by the new node. */
  REPLACE,
  /** What is there already serves the edge: keep it. */
  KEEP,
  /** It cannot go here. */
  CONFLICT
}
