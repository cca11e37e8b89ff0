package dev.quoll.registry.accounts;

/**
 * An authenticated user, as a request's Bearer token names it.
 *
 * @param name the user name (npm's {@code _npmUser.name}, a maintainer's {@code name})
 * @param email the account's e-mail address
 */
public record Identity(String name, String email) {}
