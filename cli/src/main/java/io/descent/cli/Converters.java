package io.descent.cli;

import io.descent.data.DataFormat;
import io.descent.memory.Precision;
import io.descent.train.Model;
import io.descent.train.OptimizerKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.function.Function;

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
