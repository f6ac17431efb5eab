package io.github.scoresde.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/**
 * Runs tensor code in a short-lived sub-manager so that its temporaries are freed at once.
 *
 * <p>DJL puts the result of {@code a.op(b)} in {@code a}'s manager. {@link #run} therefore
 * temporarily moves the inputs into a fresh sub-manager of {@code owner}, so that every
 * intermediate lands there, and moves only the arrays the body returns to {@code owner}. The
 * inputs go back to their own managers when the scope closes.
 */
public final class Scopes {
    private Scopes() {}

    /**
     * Evaluates {@code body} in a sub-manager of {@code owner}; the returned arrays are owned by
     * {@code owner}, all other arrays created inside are closed.
     *
     * @param owner manager that receives the results
     * @param inputs arrays the body reads; moved into the scope for its duration
     * @param body the computation; it receives the scope manager for new arrays
     */
    public static NDList run(NDManager owner, NDList inputs, Function<NDManager, NDList> body) {
        try (NDManager scope = owner.newSubManager()) {
            for (NDArray input : inputs) {
                input.tempAttach(scope);
            }
            NDList out = body.apply(scope);
            out.attach(owner);
            return out;
        }
    }

    /** {@link #run} for a body with one result. */
    public static NDArray one(NDManager owner, NDList inputs, Function<NDManager, NDArray> body) {
        return run(owner, inputs, scope -> new NDList(body.apply(scope))).singletonOrThrow();
    }

    /**
     * Advances loop state by one step: the old state (owned by {@code carry}) moves into a fresh
     * sub-manager and dies with it, the body's results are moved to {@code carry}. Every
     * temporary of the step is freed, so memory stays flat over any number of steps.
     *
     * @param carry manager that owns the state between steps
     * @param state current state, owned by {@code carry}; must not be used after the call
     * @param body the step; returns the new state
     */
    public static NDList advance(NDManager carry, NDList state, Function<NDManager, NDList> body) {
        try (NDManager scope = carry.newSubManager()) {
            state.attach(scope);
            NDList next = body.apply(scope);
            next.attach(carry);
            return next;
        }
    }
}
