package org.openucwa.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@code --tls-cert} and {@code --tls-key} with the JDK alone: a certificate
 * chain, and an RSA or EC private key in any of the forms OpenSSL writes — PKCS#8 ({@code BEGIN
 * PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}). The
 * older two are wrapped into PKCS#8 so that the JDK's key factories read them. Every fault is a
 * {@link Flags.UsageException} with one readable line.
 */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
  private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

  private PemFiles() {}

  static List<X509Certificate> certificates(Path file) {
    String text = read(file, "--tls-cert");
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(text)) {
        if (b.type().equals("CERTIFICATE")) {
          Certificate c = factory.generateCertificate(new ByteArrayInputStream(b.der()));
          chain.add((X509Certificate) c);
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new Flags.UsageException(
          "--tls-cert " + file + ": a certificate in it cannot be read (" + e.getMessage() + ")");
    }
    if (chain.isEmpty()) {
      throw new Flags.UsageException(
          "--tls-cert " + file + " holds no PEM certificate (BEGIN CERTIFICATE)");
    }
    return chain;
  }

  static PrivateKey privateKey(Path file) {
    String text = read(file, "--tls-key");
    for (Block b : blocks(text)) {
      try {
        switch (b.type()) {
          case "PRIVATE KEY":
            return pkcs8(b.der());
          case "RSA PRIVATE KEY":
            return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(b.der())));
          case "EC PRIVATE KEY":
            return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(wrapEc(b.der())));
          case "ENCRYPTED PRIVATE KEY":
            throw new Flags.UsageException(
                "--tls-key "
                    + file
                    + " is encrypted; store it decrypted (openssl pkey -in KEY -out PLAIN)");
          default:
            break;
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new Flags.UsageException(
            "--tls-key " + file + ": the " + b.type() + " cannot be read (" + e.getMessage() + ")");
      }
    }
    throw new Flags.UsageException(
        "--tls-key "
            + file
            + " holds no PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return blocks;
  }

  private static String read(Path file, String flag) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new Flags.UsageException(flag + " " + file + ": no such file");
    } catch (IOException e) {
      throw new Flags.UsageException(flag + " " + file + " cannot be read (" + e + ")");
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (GeneralSecurityException notRsa) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }

  /** PKCS#1 RSAPrivateKey into PrivateKeyInfo (RFC 5208): version 0, rsaEncryption, the key. */
  private static byte[] wrapRsa(byte[] pkcs1) {
    return sequence(hex("020100"), RSA_ALGORITHM, tlv(0x04, pkcs1));
  }

  /** SEC1 ECPrivateKey (RFC 5915) into PrivateKeyInfo, taking the curve from its parameters. */
  private static byte[] wrapEc(byte[] sec1) {
    byte[] curve = null;
    Der outer = new Der(sec1, 0);
    Der field = new Der(sec1, outer.contentStart);
    while (field.end <= outer.end) {
      if ((field.tag & 0xff) == 0xa0) {
        curve = java.util.Arrays.copyOfRange(sec1, field.contentStart, field.end);
      }
      if (field.end >= outer.end) {
        break;
      }
      field = new Der(sec1, field.end);
    }
    if (curve == null) {
      throw new IllegalArgumentException("the key does not name its curve");
    }
    return sequence(hex("020100"), sequence(EC_PUBLIC_KEY_OID, curve), tlv(0x04, sec1));
  }

  /** One DER element at an offset: its tag, where its content starts and where it ends. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int end;

    Der(byte[] data, int at) {
      if (at + 2 > data.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      tag = data[at];
      int len = data[at + 1] & 0xff;
      int p = at + 2;
      if (len > 0x80) {
        int n = len & 0x7f;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (data[p++] & 0xff);
        }
      }
      contentStart = p;
      end = p + len;
      if (end > data.length || len < 0) {
        throw new IllegalArgumentException("truncated DER");
      }
    }
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
