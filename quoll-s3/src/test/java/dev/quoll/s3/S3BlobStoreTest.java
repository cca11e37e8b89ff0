package dev.quoll.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.storage.BlobStoreContract;
import dev.quoll.testkit.S3ProxyService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob store contract on a real S3 API server (s3proxy, one per test JVM), one bucket per test,
 * with credentials and region taken from the SDK's default chain (here its system properties).
 */
class S3BlobStoreTest extends BlobStoreContract {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final List<S3BlobStore> OPENED = new ArrayList<>();

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", S3ProxyService.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyService.SECRET_KEY);
    System.setProperty("aws.region", S3ProxyService.REGION);
  }

  @AfterAll
  static void closeAll() {
    OPENED.forEach(S3BlobStore::close);
  }

  /** Creates a fresh bucket on the shared s3proxy and returns its name. */
  static String newBucket() {
    URI endpoint = S3ProxyService.endpoint();
    String bucket = "quoll-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    try (S3Client admin =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(S3ProxyService.REGION))
            .forcePathStyle(true)
            .httpClientBuilder(
                software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .build()) {
      admin.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  private static S3BlobStore open(String query) throws IOException {
    URI url =
        URI.create(
            "s3://"
                + newBucket()
                + "/some/prefix?endpoint="
                + S3ProxyService.endpoint()
                + "&path-style=true"
                + query);
    S3BlobStore store = S3BlobStore.open(S3Location.parse(url), 5 << 20);
    synchronized (OPENED) {
      OPENED.add(store);
    }
    return store;
  }

  @Override
  protected BlobStore store() throws IOException {
    return open("");
  }

  @Test
  void aBlobLargerThanOnePartIsUploadedInPartsAndReadsBack() throws IOException {
    S3BlobStore store = open("");
    byte[] bytes = new byte[(5 << 20) * 2 + 12345];
    new Random(9).nextBytes(bytes);
    assertEquals(bytes.length, store.save("big/-/big-1.0.0.tgz", new ByteArrayInputStream(bytes)));
    BlobStore.Blob blob = store.find("big/-/big-1.0.0.tgz").orElseThrow();
    assertEquals(bytes.length, blob.size());
    try (InputStream in = blob.open()) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
  }

  @Test
  void aFailedMultipartUploadLeavesNothing() throws IOException {
    S3BlobStore store = open("");
    InputStream failing =
        new InputStream() {
          long n;

          @Override
          public int read() throws IOException {
            if (n++ > (6L << 20)) {
              throw new IOException("client went away");
            }
            return 1;
          }
        };
    assertThrows(IOException.class, () -> store.save("f/-/f-1.0.0.tgz", failing));
    assertEquals(Optional.empty(), store.find("f/-/f-1.0.0.tgz"));
  }

  @Test
  void presignedRedirectsServeTheBytesWithoutCredentials() throws Exception {
    assertEquals(Optional.empty(), open("").redirect("a/-/a-1.0.0.tgz"));
    S3BlobStore store = open("&presign-seconds=300");
    byte[] bytes = "tarball bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    store.save("@s/a/-/a-1.0.0.tgz", new ByteArrayInputStream(bytes));
    URI url = store.redirect("@s/a/-/a-1.0.0.tgz").orElseThrow();
    assertTrue(url.toString().contains("X-Amz-Signature="), url.toString());
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertArrayEquals(bytes, r.body());
  }

  @Test
  void theSettingParsesAndRejectsMistakes() {
    S3Location l =
        S3Location.parse(
            URI.create(
                "s3://bkt/a/b/?endpoint=http%3A%2F%2Fminio%3A9000&path-style=true&presign-seconds=60"));
    assertEquals(
        new S3Location(
            "bkt",
            "a/b/",
            Optional.of(URI.create("http://minio:9000")),
            true,
            Duration.ofSeconds(60)),
        l);
    assertEquals(
        new S3Location("bkt", "", Optional.empty(), false, Duration.ZERO),
        S3Location.parse(URI.create("s3://bkt")));
    for (String bad :
        List.of(
            "http://bkt",
            "s3:///x",
            "s3://bkt?pathstyle=true",
            "s3://bkt?presign-seconds=-1",
            "s3://bkt?endpoint=ftp://x")) {
      assertThrows(IllegalArgumentException.class, () -> S3Location.parse(URI.create(bad)), bad);
    }
  }
}
