package org.esa.iss.app;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** A failure as the command's last line tells it: what happened, down to the reason at the bottom, and what to do. */
final class FailureText {
    private static final String HEAP_ADVICE = "Give the JVM more heap, for example ISS_JAVA_OPTS=-Xmx2g (the launcher's"
            + " own is 512 MB or 1 GB, by command), and run again: what was committed stays";

    private FailureText() {
    }

    /**
     * The error's message and each cause's that adds something, so that the reason at the bottom shows; with advice
     * when the JVM ran out of memory somewhere down the chain (in a stage of {@code iss run}, say).
     */
    static String of(Throwable error) {
        StringBuilder message = new StringBuilder(error.getMessage() != null ? error.getMessage() : error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            // the innermost cause without a message is at least named ("stage gold failed: NullPointerException")
            String text = cause.getMessage() != null || cause.getCause() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName();
            if (text != null && !message.toString().contains(text)) {
                message.append(": ").append(text);
            }
            String reason = missingReason(cause);
            if (reason != null && !message.toString().contains(reason)) {
                message.append(" (").append(reason).append(')');
            }
        }
        return outOfMemory(error) ? message + ". " + HEAP_ADVICE : message.toString();
    }

    /** A JVM error that reached the top, such as running out of memory, in the operator's terms. */
    static String ofFatal(Error fatal) {
        if (fatal instanceof OutOfMemoryError) {
            return "out of memory (" + fatal.getMessage() + "). " + HEAP_ADVICE;
        }
        return "the JVM failed: " + fatal + "; run again with ISS_DEBUG=1 for the stack trace";
    }

    private static boolean outOfMemory(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a file system error whose message is only the path leaves out (a missing file, a denied access), in
     * words; null when its message says it, or for other errors.
     */
    private static String missingReason(Throwable cause) {
        if (!(cause instanceof FileSystemException fs) || fs.getReason() != null) {
            return null;
        }
        if (fs instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (fs instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (fs instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (fs instanceof NotDirectoryException) {
            return "not a directory";
        }
        return fs.getClass().getSimpleName();
    }
}
