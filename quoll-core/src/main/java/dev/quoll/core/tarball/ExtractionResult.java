package dev.quoll.core.tarball;

import java.util.List;

/**
 * What {@link Extraction#extract} wrote.
 *
 * @param files the written files, relative to the target, {@code /}-separated, in first-write order
 *     (a path written twice appears once; the later entry's content won)
 * @param warnings entries skipped or changed, in archive order
 */
public record ExtractionResult(List<String> files, List<TarballWarning> warnings) {
  /** Copies both lists. */
  public ExtractionResult {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }
}
