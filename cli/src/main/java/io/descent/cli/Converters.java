package io.descent.cli;

import io.descent.data.DataFormat;
import io.descent.memory.Precision;
import io.descent.train.Model;
import io.descent.train.OptimizerKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Option converters that reuse the library's parsers, so messages name the accepted values. */
final class Converters
{
    private Converters()
    {
    }

    private abstract static class Parsing<T> implements ITypeConverter<T>
    {
        private final Function<String, T> parser;

        Parsing(final Function<String, T> parser)
        {
            this.parser = parser;
        }

        @Override
        public T convert(final String value)
        {
            try
            {
                return parser.apply(value);
            }
            catch (final IllegalArgumentException e)
            {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * A double as {@link Double#parseDouble} reads it (decimal or hex), plus {@code nan},
     * {@code inf} and {@code infinity} in any case, so that the option's own check can say the
     * value must be finite; a nonzero decimal that rounds to 0 (such as {@code 1e-400}) is
     * refused here, as no check could tell it from 0.
     */
    static final class DoubleConverter implements ITypeConverter<Double>
    {
        private static final Pattern NON_FINITE = Pattern.compile(
            "([+-]?)(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
        private static final Pattern NONZERO_DECIMAL = Pattern.compile(
            "[+-]?\\d*\\.?\\d*[1-9]\\d*\\.?\\d*([eE][+-]?\\d+)?[dDfF]?");

        @Override
        public Double convert(final String value)
        {
            final String text = value.strip();
            final Matcher word = NON_FINITE.matcher(text);
            if (word.matches())
            {
                final boolean negative = word.group(1).equals("-");
                return word.group(2).equalsIgnoreCase("nan") ? Double.NaN
                    : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            final double parsed;
            try
            {
                parsed = Double.parseDouble(text);
            }
            catch (final NumberFormatException e)
            {
                throw new TypeConversionException("'" + value + "' is not a double");
            }
            if (parsed == 0.0 && NONZERO_DECIMAL.matcher(text).matches())
            {
                throw new TypeConversionException("'" + value + "' is too small for a double: "
                    + "it rounds to 0 (the smallest is " + Double.MIN_VALUE + ")");
            }
            return parsed;
        }
    }

    static final class ModelConverter extends Parsing<Model>
    {
        ModelConverter()
        {
            super(Model::parse);
        }
    }

    static final class OptimizerConverter extends Parsing<OptimizerKind>
    {
        OptimizerConverter()
        {
            super(OptimizerKind::parse);
        }
    }

    static final class PrecisionConverter extends Parsing<Precision>
    {
        PrecisionConverter()
        {
            super(Precision::parse);
        }
    }

    static final class FormatConverter extends Parsing<DataFormat>
    {
        FormatConverter()
        {
            super(DataFormat::parse);
        }
    }
}
