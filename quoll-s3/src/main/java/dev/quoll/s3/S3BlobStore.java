package dev.quoll.s3;

import dev.quoll.registry.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link BlobStore} in an S3 bucket (AWS S3 or any S3-compatible server), through the AWS SDK for
 * Java v2 with its default credentials and region chains (environment, system properties, {@code
 * ~/.aws} profiles, container and instance roles).
 *
 * <p>Guarantees (BlobStoreContract): blobs are streamed in parts of at most {@link #partSize()}
 * bytes, never held whole in memory — a blob that fits in one part is one PUT, a larger one a
 * multipart upload that is aborted on any failure; S3 makes a PUT or a completed multipart upload
 * visible atomically, so a reader sees the old blob or the whole new one. A single PUT goes without
 * {@code Expect: 100-continue} ({@link NoExpectContinue}: one round trip instead of two), and the
 * SDK computes no request or response checksums unless S3 requires them (the registry checks every
 * tarball against its SRI integrity itself). Every SDK failure is an {@link IOException}.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
  /** The part size used unless a test asks for another (S3's minimum part is 5 MiB). */
  public static final int DEFAULT_PART_SIZE = 8 << 20;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final S3Location location;
  private final int partSize;

  private S3BlobStore(S3Client s3, S3Presigner presigner, S3Location location, int partSize) {
    this.s3 = s3;
    this.presigner = presigner;
    this.location = location;
    this.partSize = partSize;
  }

  /**
   * Opens the store named by a {@code blob-store} URL (see {@link S3Location#parse}).
   *
   * @param uri {@code s3://bucket[/prefix]?...}
   * @return the store
   * @throws IllegalArgumentException when the URL does not parse
   * @throws IOException when no region is configured for AWS itself
   */
  public static S3BlobStore open(URI uri) throws IOException {
    return open(S3Location.parse(uri), DEFAULT_PART_SIZE);
  }

  /**
   * Opens a store with a chosen part size.
   *
   * @param location where the blobs go
   * @param partSize bytes per uploaded part, at least 5 MiB
   * @return the store
   * @throws IOException when no region is configured and no endpoint is given
   */
  public static S3BlobStore open(S3Location location, int partSize) throws IOException {
    if (partSize < 5 << 20) {
      throw new IllegalArgumentException("S3 parts are at least 5 MiB");
    }
    Region region = region(location);
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(region)
            .forcePathStyle(location.pathStyle())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new NoExpectContinue()))
            // plain Content-MD5-free PUTs: S3-compatible servers do not all know the SDK's
            // trailing checksums; integrity is checked by the registry against the package's SRI.
            .requestChecksumCalculation(
                software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(
                software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED);
    location.endpoint().ifPresent(b::endpointOverride);
    S3Presigner.Builder p =
        S3Presigner.builder()
            .region(region)
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(location.pathStyle())
                    .build());
    location.endpoint().ifPresent(p::endpointOverride);
    return new S3BlobStore(b.build(), p.build(), location, partSize);
  }

  private static Region region(S3Location location) throws IOException {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (location.endpoint().isPresent()) {
        return Region.US_EAST_1; // S3-compatible servers mostly ignore the signing region
      }
      throw new IOException("no AWS region configured (set AWS_REGION): " + e.getMessage(), e);
    }
  }

  /** Bytes per uploaded part; also the most bytes of one upload held in memory. */
  public int partSize() {
    return partSize;
  }

  @Override
  public long save(String key, InputStream content) throws IOException {
    String k = objectKey(key);
    byte[] first = content.readNBytes(partSize);
    try {
      if (first.length < partSize) {
        s3.putObject(r -> r.bucket(location.bucket()).key(k), RequestBody.fromBytes(first));
        return first.length;
      }
      return multipart(k, first, content);
    } catch (SdkException e) {
      throw new IOException("cannot store " + key + " in s3://" + location.bucket(), e);
    }
  }

  private long multipart(String k, byte[] first, InputStream content) throws IOException {
    String upload = s3.createMultipartUpload(r -> r.bucket(location.bucket()).key(k)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long total = 0;
      byte[] part = first;
      while (part.length > 0) {
        int number = parts.size() + 1;
        long length = part.length;
        String etag =
            s3.uploadPart(
                    r ->
                        r.bucket(location.bucket())
                            .key(k)
                            .uploadId(upload)
                            .partNumber(number)
                            .contentLength(length),
                    RequestBody.fromBytes(part))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        total += part.length;
        part = content.readNBytes(partSize);
      }
      s3.completeMultipartUpload(
          r ->
              r.bucket(location.bucket())
                  .key(k)
                  .uploadId(upload)
                  .multipartUpload(m -> m.parts(parts)));
      return total;
    } catch (IOException | RuntimeException e) {
      try {
        s3.abortMultipartUpload(r -> r.bucket(location.bucket()).key(k).uploadId(upload));
      } catch (SdkException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  @Override
  public Optional<Blob> find(String key) throws IOException {
    String k = objectKey(key);
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(location.bucket()).key(k));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException("cannot read " + key + " from s3://" + location.bucket(), e);
    } catch (SdkException e) {
      throw new IOException("cannot read " + key + " from s3://" + location.bucket(), e);
    }
    return Optional.of(new Blob(head.contentLength(), () -> get(key, k)));
  }

  private InputStream get(String key, String k) throws IOException {
    try {
      return s3.getObject(r -> r.bucket(location.bucket()).key(k));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (SdkException e) {
      throw new IOException("cannot read " + key + " from s3://" + location.bucket(), e);
    }
  }

  @Override
  public void remove(String key) throws IOException {
    String k = objectKey(key);
    try {
      s3.deleteObject(r -> r.bucket(location.bucket()).key(k));
    } catch (NoSuchKeyException e) {
      // absent: not an error
    } catch (SdkException e) {
      throw new IOException("cannot remove " + key + " from s3://" + location.bucket(), e);
    }
  }

  @Override
  public Optional<URI> redirect(String key) {
    if (location.presign().isZero()) {
      return Optional.empty();
    }
    String k = objectKey(key);
    try {
      return Optional.of(
          presigner
              .presignGetObject(
                  r ->
                      r.signatureDuration(location.presign())
                          .getObjectRequest(g -> g.bucket(location.bucket()).key(k)))
              .url()
              .toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private String objectKey(String key) {
    return location.prefix() + BlobStore.checkKey(key);
  }

  /** Closes the SDK clients. */
  @Override
  public void close() {
    presigner.close();
    s3.close();
  }
}
