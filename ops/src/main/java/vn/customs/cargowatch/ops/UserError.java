package vn.customs.cargowatch.ops;

/** Something the user did wrong (a missing folder, a bad setting): one plain line, exit code 2, no stack trace. */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message, null, false, false);
    }
}
