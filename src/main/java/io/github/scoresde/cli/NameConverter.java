package io.github.scoresde.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a command-line name to an enum constant by its {@code toString()}, ignoring case; an
 * unknown name is an error that lists the valid ones.
 */
final class NameConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final E[] values;
    private final String what;

    NameConverter(E[] values, String what) {
        this.values = values;
        this.what = what;
    }

    @Override
    public E convert(String value) {
        for (E e : values) {
            if (e.toString().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new TypeConversionException("unknown " + what + " '" + value + "': use one of " + names());
    }

    String names() {
        return Arrays.stream(values).map(e -> e.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
