package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.jobs.config.Key;
import vn.customs.cargowatch.jobs.config.Keys;

/** The README's configuration table is what the code reads: every key, with its real default and range. */
class ReadmeTest {

    @Test
    void shouldDocumentEveryConfigurationKeyWithItsDefaultAndItsRange() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Key<?> key : Keys.ALL) {
            assertThat(readme).as(key.name())
                    .contains("| `" + key.name() + "` | `" + key.defaultValue() + "` | " + key.valid() + " | " + key.doc());
        }
    }
}
