package dev.quoll.registry.storage;

import java.io.IOException;
import java.net.URI;

/**
 * Opens a blob store named by a URL other than the default directory, e.g. {@code s3://bucket?...}.
 * The registry module knows only the directory store; the command that starts the registry passes a
 * factory for the others (quoll-cli wires quoll-s3's), so heavy SDKs stay out of this module.
 */
@FunctionalInterface
public interface BlobStoreFactory {
  /** A factory that knows no remote store: every URL is refused. */
  BlobStoreFactory NONE =
      uri -> {
        throw new IllegalArgumentException(
            "unsupported blob store " + uri.getScheme() + "://... (quoll serve supports s3://)");
      };

  /**
   * Opens the store.
   *
   * @param uri the {@code blob-store} setting
   * @return the store
   * @throws IOException when it cannot be reached
   * @throws IllegalArgumentException when the URL is not one this factory understands
   */
  BlobStore open(URI uri) throws IOException;
}
