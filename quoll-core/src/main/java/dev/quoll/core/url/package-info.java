/**
 * URLs as node's {@code URL} (the WHATWG URL Standard) parses them: {@link
 * dev.quoll.core.url.WhatwgUrl}, Quoll's one URL parser, shared by npm-package-arg, hosted-git-info
 * and package.json normalisation.
 */
package dev.quoll.core.url;
