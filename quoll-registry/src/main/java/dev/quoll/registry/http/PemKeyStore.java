package dev.quoll.registry.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Builds an in-memory key store from PEM files with the JDK alone: the certificate chain through
 * {@link CertificateFactory} (which reads PEM, RFC 7468), the private key from an unencrypted
 * PKCS#8 {@code PRIVATE KEY} block (RSA, EC or Ed25519; what {@code openssl req -newkey} and {@code
 * openssl genpkey} write).
 */
final class PemKeyStore {
  private PemKeyStore() {}

  /**
   * @param certFile PEM certificate chain, server certificate first
   * @param keyFile PEM PKCS#8 private key
   * @param password the password to protect the entry with (in memory only)
   * @return a PKCS12 key store with one entry, alias {@code quoll}
   * @throws IOException when a file cannot be read or parsed
   */
  static KeyStore load(Path certFile, Path keyFile, char[] password) throws IOException {
    try {
      List<? extends Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile))));
      if (chain.isEmpty()) {
        throw new IOException("no certificate in " + certFile);
      }
      String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
      String begin = "-----BEGIN PRIVATE KEY-----";
      String end = "-----END PRIVATE KEY-----";
      int b = pem.indexOf(begin);
      int e = pem.indexOf(end);
      if (b < 0 || e < b) {
        throw new IOException(
            keyFile
                + " holds no unencrypted PKCS#8 'PRIVATE KEY' block (convert with openssl"
                + " pkcs8 -topk8 -nocrypt)");
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
      PrivateKey key = null;
      for (String alg : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
        try {
          key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
          break;
        } catch (GeneralSecurityException tryNext) {
          // not this algorithm
        }
      }
      if (key == null) {
        throw new IOException("unsupported private key algorithm in " + keyFile);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("quoll", key, password, chain.toArray(new Certificate[0]));
      return ks;
    } catch (GeneralSecurityException ex) {
      throw new IOException("cannot load TLS files: " + ex.getMessage(), ex);
    }
  }
}
