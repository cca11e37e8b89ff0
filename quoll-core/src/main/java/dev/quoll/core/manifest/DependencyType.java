package dev.quoll.core.manifest;

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
}
