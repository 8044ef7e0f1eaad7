package vn.customs.cargowatch.ops.desk;

import java.util.List;
import java.util.Optional;

/**
 * Where the desk's users are kept: a file in embedded mode ({@link UserFile}), a Cassandra table in production
 * ({@link UserTable}). Only hashes are stored. Names are compared as given (the desk and the command line put them in
 * NFC first), so one officer is one name.
 */
public interface DeskUsers extends AutoCloseable {

    Optional<DeskUser> find(String name);

    /** Every user, by name. */
    List<DeskUser> all();

    /** Adds {@code user}; a name that is taken is a {@link vn.customs.cargowatch.ops.UserError}. */
    void add(DeskUser user);

    /** Disables the user named; an unknown name is a {@link vn.customs.cargowatch.ops.UserError}. */
    void disable(String name);

    /** Where the users are, to name in a message. */
    String describe();

    @Override
    void close();
}
