package dev.quoll.registry.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of small secrets (TOTP secrets) with AES-256-GCM from the JDK (NIST SP
 * 800-38D): a fresh 96-bit random nonce per message, a 128-bit tag, and associated data that binds
 * each ciphertext to its owner (a ciphertext copied to another user does not decrypt).
 *
 * <p>Stored form: {@code v1:} + base64(nonce || ciphertext || tag). The 32-byte key comes from
 * configuration (base64) or from a key file that {@link #fromKeyFile} creates on first use with
 * owner-only permissions (0600 where the file system is POSIX) and 32 random bytes.
 */
public final class SecretBox {
  private static final String VERSION = "v1:";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  private SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the secret key must be 32 bytes (256 bits)");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * @param base64Key 32 bytes, base64-encoded (standard alphabet)
   * @return the box
   * @throws IllegalArgumentException when the text is not base64 of 32 bytes
   */
  public static SecretBox fromBase64(String base64Key) {
    return new SecretBox(Base64.getDecoder().decode(base64Key.strip()));
  }

  /**
   * Reads the key file, creating it (0600, 32 random bytes as base64) when it does not exist.
   *
   * @param file e.g. {@code <data>/secret.key}
   * @return the box
   * @throws IOException when the file cannot be read or created
   */
  public static SecretBox fromKeyFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] k = new byte[32];
      RANDOM.nextBytes(k);
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(k) + "\n");
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      }
    }
    return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * @param plaintext the secret
   * @param owner associated data, e.g. the user name
   * @return the stored form
   */
  public String seal(String plaintext, String owner) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + ct.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(ct, 0, out, nonce.length, ct.length);
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param sealed a value from {@link #seal}
   * @param owner the same associated data
   * @return the secret
   * @throws IllegalStateException when it was sealed under another key or owner, or is corrupt
   */
  public String open(String sealed, String owner) {
    if (!sealed.startsWith(VERSION)) {
      throw new IllegalStateException("unknown secret format");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot decrypt a stored secret (wrong key?)", e);
    }
  }
}
