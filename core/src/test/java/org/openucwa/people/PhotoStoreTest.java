package org.openucwa.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openucwa.directory.Credential;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;

class PhotoStoreTest {

  private static final Credential CREDENTIAL =
      new Credential(PasswordHasher.hash("pw".toCharArray(), new SecureRandom(), 1000));

  @TempDir Path dir;

  private final PhotoStore store = new PhotoStore();

  private static User.Builder user(String name) {
    return User.builder("sip:" + name.toLowerCase().replace(' ', '.') + "@contoso.com", name)
        .credential(CREDENTIAL);
  }

  @Test
  void a_user_without_a_photo_file_gets_a_generated_png_made_once() throws IOException {
    User alice = user("Alice Smith").build();

    Photo first = store.photoOf(alice);
    Photo again = store.photoOf(alice);

    assertThat(first.mediaType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.bytes()));
    assertThat(image.getWidth()).isEqualTo(InitialsImage.SIZE);
    assertThat(image.getHeight()).isEqualTo(InitialsImage.SIZE);
    assertThat(again).isSameAs(first);
    assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
  }

  @Test
  void users_get_different_default_photos() {
    assertThat(store.photoOf(user("Alice Smith").build()).etag())
        .isNotEqualTo(store.photoOf(user("Bob Jones").build()).etag());
  }

  @ParameterizedTest(name = "\"{0}\" has the initials \"{1}\"")
  @CsvSource({"Alice Smith, AS", "cher, C", "'  jean de la fontaine ', JF", "'', ''"})
  void initials_are_the_first_letters_of_the_first_and_last_words(String name, String want) {
    assertThat(InitialsImage.initials(name)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0} is served as {1}")
  @CsvSource({
    "me.png, image/png",
    "me.JPG, image/jpeg",
    "me.jpeg, image/jpeg",
    "me.gif, image/gif",
    "me.bmp, application/octet-stream",
    "me, application/octet-stream"
  })
  void a_photo_file_is_served_as_it_is_with_the_type_its_extension_names(String file, String type)
      throws IOException {
    Path photo = Files.write(dir.resolve(file), new byte[] {1, 2, 3, 4});

    Photo served = store.photoOf(user("Carol White").photo(photo).build());

    assertThat(served.bytes()).containsExactly(1, 2, 3, 4);
    assertThat(served.mediaType()).isEqualTo(type);
  }

  @Test
  void a_photo_file_that_went_missing_falls_back_to_the_generated_one() {
    Photo served = store.photoOf(user("Dave Brown").photo(dir.resolve("gone.png")).build());

    assertThat(served.mediaType()).isEqualTo("image/png");
    assertThat(served.bytes()).isNotEmpty();
  }
}
