/** npm's semver (node-semver 7): versions, ranges and comparators. */
package dev.quoll.semver;
