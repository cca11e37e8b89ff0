package dev.quoll.core.spec;

import dev.quoll.core.name.PackageName;

/**
 * A local tarball ({@link SpecType#FILE}: the spec ends in {@code .tgz}, {@code .tar.gz} or {@code
 * .tar}) or directory ({@link SpecType#DIRECTORY}), npm-package-arg 13 {@code fromFile}. fetchSpec
 * is the absolute path; saveSpec is a {@code file:} spec relative to {@link #where()} (or absolute,
 * or {@code ~}-based as written).
 */
public final class FileSpec extends SpecBase implements PackageSpec {
  private final String where;

  FileSpec(
      SpecType type,
      String raw,
      PackageName name,
      String rawSpec,
      String saveSpec,
      String fetchSpec,
      String where) {
    super(type, raw, name, rawSpec, saveSpec, fetchSpec);
    this.where = where;
  }

  /** The directory relative paths were resolved against. */
  public String where() {
    return where;
  }

  @Override
  boolean extraEquals(SpecBase other) {
    return ((FileSpec) other).where.equals(where);
  }
}
