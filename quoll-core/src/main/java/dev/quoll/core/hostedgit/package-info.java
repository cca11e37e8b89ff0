/**
 * hosted-git-info 9 (the version npm 11 bundles): git URLs, scp-like addresses and shortcuts of
 * GitHub, GitLab, Bitbucket, Gist and SourceHut, recognised by {@link
 * dev.quoll.core.hostedgit.HostedGit#fromUrl} and rendered in every form the library has. Quoll's
 * one port, shared by npm-package-arg ({@code dev.quoll.core.spec}) and package.json normalisation
 * ({@code dev.quoll.core.manifest}).
 */
package dev.quoll.core.hostedgit;
