package io.github.scoresde;

/**
 * Bad input from the user: a file, a setting or data that cannot be used as given.
 *
 * <p>The message is one line that says what is wrong and how to fix it; the command line prints
 * it without a stack trace and exits with code 2.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a one-line message naming the bad input and the fix. */
    public UserInputException(String message) {
        super(message);
    }

    /** An error caused by {@code cause} (kept for {@code --verbose}). */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
