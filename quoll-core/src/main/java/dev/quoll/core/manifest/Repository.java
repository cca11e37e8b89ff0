package dev.quoll.core.manifest;

/**
 * The {@code repository} field of package.json in its object form.
 *
 * @param type the version-control type, usually {@code "git"}, or empty
 * @param url the repository URL, or empty
 * @param directory the package's folder inside a monorepo, or empty
 */
public record Repository(String type, String url, String directory) {}
