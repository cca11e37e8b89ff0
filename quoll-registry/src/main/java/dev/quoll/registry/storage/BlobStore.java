package dev.quoll.registry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Where tarballs live: an immutable-by-convention key/value store of byte streams. Keys are
 * relative, slash-separated paths made of the characters a package name and file name can hold
 * ({@code express/-/express-4.0.0.tgz}, {@code @scope/pkg/-/pkg-1.0.0.tgz}); anything else is
 * refused with {@link IllegalArgumentException}.
 *
 * <p>Contract (checked by BlobStoreContract for every implementation): a blob is either absent or
 * complete — a reader never sees a partly written blob; saving a key again replaces it atomically;
 * content is streamed, never held whole in memory; removing an absent key is not an error. Blobs
 * are written before the metadata that points at them (architecture note), so an orphan blob after
 * a failed publish is harmless.
 */
public interface BlobStore {
  /**
   * Stores the stream's bytes under {@code key}, replacing any blob there.
   *
   * @param key a valid key
   * @param content the bytes; read to its end, not closed
   * @return the number of bytes stored
   * @throws IOException when the bytes cannot be read or stored; no partial blob stays visible
   */
  long save(String key, InputStream content) throws IOException;

  /**
   * Opens a blob.
   *
   * @param key a valid key
   * @return the blob, or empty when there is none
   * @throws IOException when the store cannot be read
   */
  Optional<Blob> find(String key) throws IOException;

  /**
   * Removes a blob; an absent key is not an error.
   *
   * @param key a valid key
   * @throws IOException when the store cannot be written
   */
  void remove(String key) throws IOException;

  /**
   * A URL the client may fetch the blob from directly instead (e.g. a presigned S3 URL), for stores
   * configured to hand reads off; the default store never does.
   *
   * @param key a valid key of a blob known to exist
   * @return the URL to redirect to, or empty to stream the blob from here
   */
  default Optional<java.net.URI> redirect(String key) {
    return Optional.empty();
  }

  /**
   * A stored blob: its size and a way to stream it.
   *
   * @param size length in bytes
   * @param opener opens a new stream over the bytes; the caller closes it
   */
  record Blob(long size, Opener opener) {
    /** Opens a new stream over the blob's bytes; the caller closes it. */
    public InputStream open() throws IOException {
      return opener.open();
    }

    /**
     * The blob's bytes when the store keeps them in memory, so a server can write them without
     * opening a file.
     *
     * @return a new read-only buffer over all {@link #size()} bytes (position 0), or empty when the
     *     blob must be streamed with {@link #open()}
     */
    public Optional<ByteBuffer> bytes() {
      return opener.bytes();
    }

    /**
     * A blob held in memory.
     *
     * @param bytes the blob's bytes from position to limit; never modified afterwards
     * @return the blob
     */
    public static Blob inMemory(ByteBuffer bytes) {
      ByteBuffer kept = bytes.slice().asReadOnlyBuffer();
      return new Blob(
          kept.remaining(),
          new Opener() {
            @Override
            public InputStream open() {
              ByteBuffer b = kept.duplicate();
              byte[] copy = new byte[b.remaining()];
              b.get(copy);
              return new java.io.ByteArrayInputStream(copy);
            }

            @Override
            public Optional<ByteBuffer> bytes() {
              return Optional.of(kept.duplicate());
            }
          });
    }
  }

  /** Opens a stream; may fail with an {@link IOException}. */
  @FunctionalInterface
  interface Opener {
    /** Opens a new stream; the caller closes it. */
    InputStream open() throws IOException;

    /**
     * @return the bytes when held in memory (a new read-only buffer at position 0), else empty
     */
    default Optional<ByteBuffer> bytes() {
      return Optional.empty();
    }
  }

  /**
   * Checks a key: non-empty segments separated by single slashes, each of letters, digits and
   * {@code @ . _ - ~ +}, no segment {@code .} or {@code ..}.
   *
   * @param key the key to check
   * @return the key
   * @throws IllegalArgumentException when the key is not valid
   */
  static String checkKey(String key) {
    if (key.isEmpty() || key.length() > 1024) {
      throw new IllegalArgumentException("bad blob key: '" + key + "'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("bad blob key: '" + key + "'");
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '@'
                || c == '.'
                || c == '_'
                || c == '-'
                || c == '~'
                || c == '+';
        if (!ok) {
          throw new IllegalArgumentException("bad blob key: '" + key + "'");
        }
      }
    }
    return key;
  }
}
