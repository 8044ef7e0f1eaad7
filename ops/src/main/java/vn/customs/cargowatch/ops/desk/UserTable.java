package vn.customs.cargowatch.ops.desk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.ops.UserError;
import vn.customs.cargowatch.ops.alerts.AlertKafkaCassandra;

/**
 * Production's users: the Cassandra table {@code desk_users} ({@code ops/…/cql/cargowatch.cql}, docs/cassandra.md),
 * one row per user keyed by name. Adding is a lightweight transaction ({@code IF NOT EXISTS}) so that two admins
 * adding the same name do not overwrite each other's user; listing reads the whole table, which holds the desk's
 * users — hundreds, not millions.
 */
public final class UserTable implements DeskUsers {

    private final CassandraSettings settings;
    private CqlSession session;

    public UserTable(CassandraSettings settings) {
        this.settings = settings;
    }

    private synchronized CqlSession session() {
        if (session == null) {
            session = AlertKafkaCassandra.openSession(settings);
        }
        return session;
    }

    @Override
    public Optional<DeskUser> find(String name) {
        Row row = session().execute(session().prepare("SELECT * FROM desk_users WHERE username = ?").bind(name))
                .one();
        return Optional.ofNullable(row).map(UserTable::userOf);
    }

    @Override
    public List<DeskUser> all() {
        List<DeskUser> users = new ArrayList<>();
        for (Row row : session().execute("SELECT * FROM desk_users")) {
            users.add(userOf(row));
        }
        users.sort(Comparator.comparing(DeskUser::name));
        return users;
    }

    @Override
    public void add(DeskUser user) {
        ResultSet result = session().execute(session().prepare("INSERT INTO desk_users (username, unit_code, role, "
                + "password_hash, disabled, since) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS")
                .bind(user.name(), user.unit(), user.role().name(), user.passwordHash(), user.disabled(),
                        user.since()));
        if (!result.wasApplied()) {
            throw new UserError("user " + user.name() + " exists already in " + describe());
        }
    }

    @Override
    public void disable(String name) {
        ResultSet result = session().execute(session().prepare(
                "UPDATE desk_users SET disabled = true WHERE username = ? IF EXISTS").bind(name));
        if (!result.wasApplied()) {
            throw new UserError("no user " + name + " in " + describe());
        }
    }

    private static DeskUser userOf(Row row) {
        return new DeskUser(row.getString("username"), row.getString("unit_code"),
                DeskUser.Role.valueOf(row.getString("role")), row.getString("password_hash"),
                row.getBoolean("disabled"), row.getInstant("since"));
    }

    @Override
    public String describe() {
        return "Cassandra " + settings.contactPoints() + " keyspace " + settings.keyspace() + " table desk_users";
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
    }
}
