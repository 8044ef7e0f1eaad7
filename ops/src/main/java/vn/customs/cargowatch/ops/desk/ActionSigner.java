package vn.customs.cargowatch.ops.desk;

import vn.customs.cargowatch.model.AlertAction;

/**
 * Where the desk signs an action before publishing it (issue 13: "the desk signs each action it publishes: an HMAC
 * over the record, with a key read from the environment", so that actions cannot bypass the sign-in): with the key of
 * {@code CARGOWATCH_ACTIONS_KEY}, {@link vn.customs.cargowatch.model.ActionSignature#sign}; without one the desk
 * publishes actions as they are ({@link #UNSIGNED}), and says so when it starts.
 */
@FunctionalInterface
public interface ActionSigner {

    /** The action as it is to be published: signed, or as it is. */
    AlertAction sign(AlertAction action);

    /** No key: the action is published unsigned. */
    ActionSigner UNSIGNED = action -> action;
}
