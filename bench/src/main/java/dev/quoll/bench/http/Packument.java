package dev.quoll.bench.http;

import java.nio.ByteBuffer;

/**
 * One packument as the registry would hold it after a write: the JSON bytes, their gzip form and
 * the strong entity tag of the JSON.
 *
 * @param name the package name, e.g. {@code express} or {@code @types/node}
 * @param json the packument document, UTF-8 JSON
 * @param gzip {@code json} compressed with gzip (RFC 1952), served with {@code Content-Encoding:
 *     gzip}
 * @param etag a strong entity tag including its quotes (RFC 9110 section 8.8.3), e.g. {@code
 *     "3q2+7w..."}
 */
public record Packument(String name, byte[] json, byte[] gzip, String etag) {

  /**
   * Returns the representation to send as a read-only buffer positioned at 0; a new buffer object
   * each call (buffers carry a position), sharing the bytes.
   *
   * @param gzipped true for the gzip form, false for the plain JSON
   * @return a read-only view of the bytes
   */
  public ByteBuffer body(boolean gzipped) {
    return ByteBuffer.wrap(gzipped ? gzip : json).asReadOnlyBuffer();
  }
}
