package org.openucwa.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file example of README.md loads exactly as written. */
class ReadmeUsersFileTest {

  @Test
  void the_readme_example_loads(@TempDir Path dir) throws Exception {
    Path readme = Path.of("..", "README.md");
    if (!Files.exists(readme)) {
      readme = Path.of("README.md");
    }
    Matcher m =
        Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
    assertThat(m.find()).as("README.md has a ```yaml block").isTrue();
    Path users = Files.writeString(dir.resolve("users.yaml"), m.group(1));

    Directory directory = UsersFile.load(users);

    assertThat(directory.domain()).isEqualTo("contoso.com");
    User alice = directory.find("alice").orElseThrow();
    assertThat(directory.contactsOf(alice)).isNotEmpty();
    assertThat(alice.credential().verify("s3cret".toCharArray())).isTrue();
  }
}
