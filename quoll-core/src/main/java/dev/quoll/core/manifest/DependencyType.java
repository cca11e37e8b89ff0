package dev.quoll.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a dependency is saved in package.json: npm's save types and the field each one writes
 * (arborist 9's {@code saveTypeMap} in {@code add-rm-pkg-deps.js}).
 */
public enum DependencyType {
  /** {@code --save-prod}: {@code dependencies}. */
  PROD("dependencies"),
  /** {@code --save-dev}: {@code devDependencies}. */
  DEV("devDependencies"),
  /** {@code --save-optional}: {@code optionalDependencies}. */
  OPTIONAL("optionalDependencies"),
  /** {@code --save-peer}: {@code peerDependencies}. */
  PEER("peerDependencies"),
  /** A peer dependency marked optional in {@code peerDependenciesMeta}. */
  PEER_OPTIONAL("peerDependencies");

  private final String field;

  DependencyType(String field) {
    this.field = field;
  }

  /** The package.json field this type is saved in, e.g. {@code "devDependencies"}. */
  public String field() {
    return field;
  }

  /**
   * arborist 9's {@code inferSaveType} ({@code add-rm-pkg-deps.js}): without {@code -D}, {@code -O}
   * or {@code --save-peer} (here: {@code given} is {@link #PROD}, so an explicit {@code -P} is
   * treated the same), a package already listed in package.json keeps its field, looked up in
   * {@code saveTypeMap}'s order: devDependencies, optionalDependencies, dependencies,
   * peerDependencies (optional when {@code peerDependenciesMeta} says so).
   *
   * @param given the type the command line asked for
   * @param pkg the package.json the spec is added to
   * @param name the package name
   * @return the type to save {@code name} as
   */
  public static DependencyType inferred(DependencyType given, JsonNode pkg, String name) {
    if (given != PROD) {
      return given;
    }
    if (pkg.path("devDependencies").has(name)) {
      return DEV;
    }
    if (pkg.path("optionalDependencies").has(name)) {
      return OPTIONAL;
    }
    if (pkg.path("dependencies").has(name)) {
      return PROD;
    }
    if (pkg.path("peerDependencies").has(name)) {
      return pkg.path("peerDependenciesMeta").path(name).path("optional").asBoolean(false)
          ? PEER_OPTIONAL
          : PEER;
    }
    return PROD;
  }
}
