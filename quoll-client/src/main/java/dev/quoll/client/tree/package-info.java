/**
 * The client's dependency tree model and ideal-tree builder, after npm 11's arborist 9: {@link
 * dev.quoll.client.tree.Node}s placed at {@code node_modules} locations, joined by {@link
 * dev.quoll.client.tree.Edge}s, built by {@link dev.quoll.client.tree.IdealTreeBuilder} from
 * package.json, an optional lockfile tree and add/remove requests, with packuments from a {@link
 * dev.quoll.client.tree.PackumentSource}.
 */
package dev.quoll.client.tree;
