package vn.customs.cargowatch.ops.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.Cargowatch;

/** {@code desk user add|disable|list} on a users file: hashes only, one plain line and exit 2 on a mistake. */
class DeskUserCommandTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String password, String... args) {
        System.setIn(new ByteArrayInputStream(password.getBytes(StandardCharsets.UTF_8)));
        return Cargowatch.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path users() {
        return work.resolve("users.jsonl");
    }

    @Test
    void shouldAddTheFirstAdminWithABcryptHashNotThePassword() throws Exception {
        int exit = run("mật khẩu quản trị\n", "desk", "user", "add", "quantri", "--unit", "TCHQ", "--role", "admin",
                "--password-stdin", "--users", users().toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("user quantri added: admin at TCHQ");
        String file = Files.readString(users(), StandardCharsets.UTF_8);
        assertThat(file).contains("\"name\":\"quantri\"", "\"unit\":\"TCHQ\"", "\"role\":\"ADMIN\"", "$2a$")
                .doesNotContain("mật khẩu quản trị");
        DeskUser user = new UserFile(users()).find("quantri").orElseThrow();
        assertThat(new Passwords(4).matches("mật khẩu quản trị", user.passwordHash())).isTrue();
    }

    @Test
    void shouldListAndDisableUsers() {
        run("password-of-an\n", "desk", "user", "add", "an", "--unit", "HN-GIALAM", "--role", "officer",
                "--password-stdin", "--users", users().toString());
        run("password-of-hung\n", "desk", "user", "add", "hung", "--unit", "HN-GIALAM", "--role", "LEADER",
                "--password-stdin", "--users", users().toString());

        assertThat(run("", "desk", "user", "disable", "an", "--users", users().toString())).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("", "desk", "user", "list", "--users", users().toString())).isZero();

        assertThat(out.toString()).isEqualTo("an\tHN-GIALAM\tofficer\tdisabled\nhung\tHN-GIALAM\tleader\tactive\n");
    }

    @Test
    void shouldSayWhatIsWrongInOneLineWithExitCode2() {
        String file = users().toString();
        assertThat(run("password-1\n", "desk", "user", "add", "an", "--unit", "X", "--role", "chief",
                "--password-stdin", "--users", file)).isEqualTo(2);
        assertThat(run("", "desk", "user", "add", "an", "--unit", "X", "--role", "officer", "--password-stdin",
                "--users", file)).as("no password on stdin").isEqualTo(2);
        assertThat(run("short\n", "desk", "user", "add", "an", "--unit", "X", "--role", "officer",
                "--password-stdin", "--users", file)).as("too short").isEqualTo(2);
        assertThat(run("password-1\n", "desk", "user", "add", "an", "--unit", "X", "--role", "officer",
                "--password-stdin")).as("neither --users nor --config").isEqualTo(2);
        assertThat(run("password-1\n", "desk", "user", "add", "an", "--unit", "X", "--role", "officer",
                "--users", file)).as("without --password-stdin").isEqualTo(2);
        assertThat(run("password-1\n", "desk", "user", "add", "an", "--unit", "X", "--role", "officer",
                "--password-stdin", "--users", file)).isZero();
        assertThat(run("password-2\n", "desk", "user", "add", "an", "--unit", "X", "--role", "officer",
                "--password-stdin", "--users", file)).as("a name taken").isEqualTo(2);
        assertThat(run("", "desk", "user", "disable", "nobody", "--users", file)).isEqualTo(2);
        assertThat(err.toString().lines()).allMatch(line -> line.startsWith("cargowatch: "));
        assertThat(err.toString()).contains("role 'chief' is not one of officer, leader, admin",
                "exists already", "no user nobody");
    }
}
