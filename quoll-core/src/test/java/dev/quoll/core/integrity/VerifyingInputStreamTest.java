package dev.quoll.core.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.CoreException;
import dev.quoll.testkit.NpmOracle;
import dev.quoll.testkit.OraclePackages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streaming verification: correct, corrupted, truncated and over-long streams. */
class VerifyingInputStreamTest {
  private static final byte[] DATA = randomBytes(3 * 1024 * 1024 + 17, 42);

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] drain(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  @Test
  void correctStreamVerifiesAtTheEnd() throws IOException {
    Integrity sri = Integrity.fromData(DATA);
    try (VerifyingInputStream in =
        new VerifyingInputStream(
            new ByteArrayInputStream(DATA), IntegrityChecker.of(sri, DATA.length))) {
      byte[] first = in.readNBytes(1000);
      assertTrue(in.verified().isEmpty(), "nothing is verified before the end");
      byte[] rest = drain(in);
      assertEquals(DATA.length, first.length + rest.length);
      assertEquals(sri.get("sha512").getFirst().digest(), in.verified().orElseThrow().digest());
      assertEquals(-1, in.read());
      assertEquals(sri, in.checker().actual().orElseThrow());
    }
  }

  @Test
  void corruptedStreamFailsWithEintegrity() {
    byte[] corrupt = DATA.clone();
    corrupt[corrupt.length / 2] ^= 1;
    Integrity sri = Integrity.fromData(DATA);
    VerifyingInputStream in =
        new VerifyingInputStream(new ByteArrayInputStream(corrupt), IntegrityChecker.of(sri));
    CoreException e = assertThrows(CoreException.class, () -> drain(in));
    assertEquals("EINTEGRITY", e.code());
    String actual = Integrity.fromData(corrupt).toString();
    assertEquals(
        sri
            + " integrity checksum failed when using sha512: wanted "
            + sri
            + " but got "
            + actual
            + ". ("
            + corrupt.length
            + " bytes)",
        e.getMessage());
    assertTrue(in.verified().isEmpty());
    assertThrows(CoreException.class, () -> in.read(), "keeps failing after the failure");
  }

  @Test
  void truncatedStreamFails() {
    byte[] truncated = Arrays.copyOf(DATA, DATA.length - 1);
    Integrity sri = Integrity.fromData(DATA, List.of("sha1", "sha512"));
    CoreException withSize =
        assertThrows(
            CoreException.class,
            () ->
                drain(
                    new VerifyingInputStream(
                        new ByteArrayInputStream(truncated),
                        IntegrityChecker.of(sri, DATA.length))));
    assertEquals("EBADSIZE", withSize.code());
    CoreException withoutSize =
        assertThrows(
            CoreException.class,
            () ->
                drain(
                    new VerifyingInputStream(
                        new ByteArrayInputStream(truncated), IntegrityChecker.of(sri))));
    assertEquals("EINTEGRITY", withoutSize.code());
  }

  @Test
  void tooLongStreamFailsAsSoonAsTheSizeIsExceeded() throws IOException {
    Integrity sri = Integrity.fromData(DATA);
    VerifyingInputStream in =
        new VerifyingInputStream(
            new ByteArrayInputStream(DATA), IntegrityChecker.of(sri, DATA.length - 100_000));
    byte[] buf = new byte[64 * 1024];
    long read = 0;
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        read += n;
      }
    } catch (CoreException e) {
      assertEquals("EBADSIZE", e.code());
      assertTrue(read <= DATA.length - 100_000, "no byte beyond the size was handed out");
      return;
    }
    throw new AssertionError("expected EBADSIZE");
  }

  @Test
  void skipAndSingleByteReadsAreHashed() throws IOException {
    byte[] small = randomBytes(5000, 7);
    VerifyingInputStream in =
        new VerifyingInputStream(
            new ByteArrayInputStream(small), IntegrityChecker.of(Integrity.fromData(small)));
    assertEquals(small[0] & 0xFF, in.read());
    assertEquals(3000, in.skip(3000));
    byte[] rest = drain(in);
    assertArrayEquals(Arrays.copyOfRange(small, 3001, small.length), rest);
    assertTrue(in.verified().isPresent());
  }

  @Test
  void shasumChecksSha1AndReportsSha512() throws IOException {
    byte[] small = randomBytes(10_000, 9);
    String shasum =
        HexFormat.of().formatHex(HashAlgorithms.newDigest("sha1").digest(small)).toUpperCase();
    VerifyingInputStream in =
        new VerifyingInputStream(
            new ByteArrayInputStream(small), IntegrityChecker.ofShasum(shasum));
    drain(in);
    assertEquals("sha1", in.verified().orElseThrow().algorithm());
    assertEquals(
        Integrity.fromData(small, List.of("sha512", "sha1")), in.checker().actual().orElseThrow());
    small[0] ^= 1;
    CoreException e =
        assertThrows(
            CoreException.class,
            () ->
                drain(
                    new VerifyingInputStream(
                        new ByteArrayInputStream(small), IntegrityChecker.ofShasum(shasum))));
    assertEquals("EINTEGRITY", e.code());
    assertEquals(
        "EINTEGRITY",
        assertThrows(CoreException.class, () -> IntegrityChecker.ofShasum("zz")).code());
    assertEquals(
        "EINTEGRITY",
        assertThrows(CoreException.class, () -> IntegrityChecker.of("sha512-", -1)).code());
  }

  /** The error codes and messages of a failed stream check are ssri's integrityStream's. */
  @Test
  void errorMessagesAreSsris() {
    Random random = new Random(5);
    List<Map<String, Object>> cases = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      byte[] good = randomBytes(100 + random.nextInt(1000), i);
      byte[] sent = good.clone();
      switch (i % 3) {
        case 0 -> sent[0] ^= 1;
        case 1 -> sent = Arrays.copyOf(sent, sent.length - 1);
        default -> {}
      }
      List<String> algorithms =
          List.of(List.of("sha512"), List.of("sha1"), List.of("sha256", "sha1")).get(i % 3);
      String sri = Integrity.fromData(good, algorithms).toString();
      long size = i % 4 == 1 ? good.length : -1;
      payloads.add(sent);
      cases.add(
          Map.of("bytes", Base64.getEncoder().encodeToString(sent), "sri", sri, "size", size));
    }
    JsonNode expected =
        NpmOracle.install(OraclePackages.SSRI)
            .run(
                """
                const ssri = require('ssri');
                const { Readable } = require('stream');
                const data = input.map(c => {
                  const opts = c.size >= 0 ? { size: c.size, error: true } : { error: true };
                  try {
                    return { ok: ssri.checkData(Buffer.from(c.bytes, 'base64'), c.sri, opts).toString() };
                  } catch (e) {
                    return { code: e.code, message: e.message };
                  }
                });
                Promise.all(input.map(c => {
                  const opts = c.size >= 0 ? { size: c.size } : {};
                  return ssri.checkStream(Readable.from([Buffer.from(c.bytes, 'base64')]), c.sri, opts)
                    .then(m => ({ ok: m.toString() }), e => ({ code: e.code, message: e.message }));
                })).then(stream => output({ stream, data }));
                """,
                cases);
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      IntegrityChecker checker = IntegrityChecker.of((String) c.get("sri"), (Long) c.get("size"));
      VerifyingInputStream in =
          new VerifyingInputStream(new ByteArrayInputStream(payloads.get(i)), checker);
      String actual;
      try {
        drain(in);
        actual = "{\"ok\":\"" + in.verified().orElseThrow() + "\"}";
      } catch (CoreException e) {
        actual =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("code", e.code())
                .put("message", e.getMessage())
                .toString();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertEquals(
          expected.get("stream").get(i).toString(), actual, "case " + i + " " + c.get("sri"));
      String data;
      try {
        data =
            "{\"ok\":\""
                + Integrity.parse((String) c.get("sri"))
                    .orElseThrow()
                    .verifyData(payloads.get(i), (Long) c.get("size"))
                + "\"}";
      } catch (CoreException e) {
        data =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("code", e.code())
                .put("message", e.getMessage())
                .toString();
      }
      assertEquals(
          expected.get("data").get(i).toString(), data, "checkData " + i + " " + c.get("sri"));
    }
  }
}
