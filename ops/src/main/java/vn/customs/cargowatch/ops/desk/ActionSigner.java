package vn.customs.cargowatch.ops.desk;

import vn.customs.cargowatch.model.ActionSignature;

/**
 * Where the desk signs what an officer does before publishing it (issue 13: "the desk signs each action it publishes:
 * an HMAC over the record, with a key read from the environment", so that actions cannot bypass the sign-in) —
 * {@code alerts.actions} and {@code gate.review.actions}: with the key of {@code CARGOWATCH_ACTIONS_KEY},
 * {@link ActionSignature#sign}; without one ({@link #UNSIGNED}) the records are published as they are, and the desk
 * says so when it starts.
 */
public final class ActionSigner {

    /** No key: records are published unsigned. */
    public static final ActionSigner UNSIGNED = new ActionSigner(null);

    private final ActionSignature.Key key;

    private ActionSigner(ActionSignature.Key key) {
        this.key = key;
    }

    /** Signs with {@code key}. */
    public static ActionSigner with(ActionSignature.Key key) {
        return new ActionSigner(key);
    }

    /** The record as it is to be published: signed, or as it is. */
    public <T extends ActionSignature.Signable<T>> T sign(T record) {
        return key == null ? record : ActionSignature.sign(record, key);
    }
}
