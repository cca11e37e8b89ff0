/**
 * package-lock.json, npm-shrinkwrap.json and node_modules/.package-lock.json: {@link
 * dev.quoll.client.lockfile.Lockfile} (parsed document and its formatting), {@link
 * dev.quoll.client.lockfile.LockfileReader} (v1, v2, v3 into a tree) and {@link
 * dev.quoll.client.lockfile.LockfileWriter} (v3 and the hidden form, byte for byte as npm 11).
 */
package dev.quoll.client.lockfile;
