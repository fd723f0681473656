package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key forms OpenSSL writes all load (RSA and EC; PKCS#8, PKCS#1 and SEC1), and every unusable
 * file gives one readable line naming the flag and the file.
 */
class TlsKeyFormsTest {

  @TempDir Path dir;

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
    } catch (IOException e) {
      assumeTrue(false, "openssl is not installed");
      return;
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
    "rsa:2048, PRIVATE KEY, pkcs8",
    "rsa:2048, RSA PRIVATE KEY, traditional",
    "ec:P-256, PRIVATE KEY, pkcs8",
    "ec:P-256, EC PRIVATE KEY, traditional",
    "ec:P-384, EC PRIVATE KEY, traditional"
  })
  void every_key_form_loads(String algorithm, String pemType, String form) throws Exception {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    if (algorithm.startsWith("ec:")) {
      openssl(
          "ecparam",
          "-name",
          algorithm.substring(3).replace("P-256", "prime256v1").replace("P-384", "secp384r1"),
          "-genkey",
          "-noout",
          "-out",
          key.toString());
    } else {
      openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
    }
    if (form.equals("pkcs8")) {
      Path pkcs8 = dir.resolve("key8.pem");
      openssl("pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", pkcs8.toString());
      Files.move(pkcs8, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "1",
        "-subj",
        "/CN=localhost");
    assertThat(Files.readString(key)).contains("-----BEGIN " + pemType + "-----");

    assertThat(PemFiles.privateKey(key).getAlgorithm())
        .isEqualTo(algorithm.startsWith("ec") ? "EC" : "RSA");
    assertThat(PemFiles.certificates(cert)).hasSize(1);
  }

  @Test
  void a_missing_file_names_the_flag_and_the_file() {
    assertThatThrownBy(() -> PemFiles.privateKey(dir.resolve("nope.pem")))
        .isInstanceOf(Flags.UsageException.class)
        .hasMessage("--tls-key " + dir.resolve("nope.pem") + ": no such file");
    assertThatThrownBy(() -> PemFiles.certificates(dir.resolve("nope.pem")))
        .hasMessage("--tls-cert " + dir.resolve("nope.pem") + ": no such file");
  }

  @Test
  void a_file_without_a_key_or_a_certificate_is_refused_in_one_line() throws Exception {
    Path text = Files.writeString(dir.resolve("text.pem"), "hello\n");
    Path broken =
        Files.writeString(
            dir.resolve("broken.pem"),
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> PemFiles.privateKey(text))
        .hasMessageContaining("holds no PEM private key")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> PemFiles.certificates(text))
        .hasMessageContaining("holds no PEM certificate");
    assertThatThrownBy(() -> PemFiles.privateKey(broken))
        .isInstanceOf(Flags.UsageException.class)
        .hasMessageContaining("the PRIVATE KEY cannot be read");
  }

  @Test
  void the_server_refuses_to_start_on_an_unusable_key_with_that_line() throws Exception {
    Path text = Files.writeString(dir.resolve("text.pem"), "hello\n");
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .directory(org.openucwa.testing.TestServer.directory())
            .tls(text, text)
            .build();

    assertThatThrownBy(() -> UcwaServer.start(config, config.directory().orElseThrow()))
        .isInstanceOf(Flags.UsageException.class)
        .hasMessageStartingWith("--tls-key ");
  }
}
