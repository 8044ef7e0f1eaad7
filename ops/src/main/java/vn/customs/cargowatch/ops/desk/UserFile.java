package vn.customs.cargowatch.ops.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import vn.customs.cargowatch.model.Json;
import vn.customs.cargowatch.ops.UserError;

/**
 * Embedded mode's users: one JSON object per line ({@code {"name","unit","role","passwordHash","disabled","since"}}),
 * the file rewritten whole on each change and moved into place, so that the desk reading it while {@code desk user
 * add} writes sees the old file or the new one, never half of it. The file is read on every sign-in: a user added
 * or disabled from the command line counts at once, without restarting the desk.
 */
public final class UserFile implements DeskUsers {

    private final Path file;

    public UserFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError("--users " + file + " is a folder, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError("--users " + file + ": its folder " + parent + " does not exist");
        }
        this.file = file;
    }

    @Override
    public synchronized Optional<DeskUser> find(String name) {
        return Optional.ofNullable(read().get(name));
    }

    @Override
    public synchronized List<DeskUser> all() {
        return List.copyOf(read().values());
    }

    @Override
    public synchronized void add(DeskUser user) {
        TreeMap<String, DeskUser> users = read();
        if (users.containsKey(user.name())) {
            throw new UserError("user " + user.name() + " exists already in " + file);
        }
        users.put(user.name(), user);
        write(users);
    }

    @Override
    public synchronized void disable(String name) {
        TreeMap<String, DeskUser> users = read();
        DeskUser user = users.get(name);
        if (user == null) {
            throw new UserError("no user " + name + " in " + file);
        }
        users.put(name, user.disabledNow());
        write(users);
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() {}

    private TreeMap<String, DeskUser> read() {
        TreeMap<String, DeskUser> users = new TreeMap<>();
        if (!Files.exists(file)) {
            return users;
        }
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    DeskUser user = Json.read(line, DeskUser.class);
                    users.put(user.name(), user);
                } catch (Json.Rejected e) {
                    // a users file edited by hand: say where, rather than sign nobody in silently
                    throw new UserError("users file " + file + " line " + number + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read the users file " + file + ": " + e.getMessage());
        }
        return users;
    }

    private void write(TreeMap<String, DeskUser> users) {
        List<String> lines = new ArrayList<>();
        users.values().stream().sorted(Comparator.comparing(DeskUser::name)).forEach(u -> lines.add(Json.write(u)));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + file, e);
        }
    }
}
