package io.descent.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Many named parameter tensors packed one after another in a single {@link DeviceVector}, so
 * that one kernel launch updates all of them, however many there are. Each name maps to a
 * {@link Slice} of the block; a gradient block with the same layout pairs with it element by
 * element.
 *
 * <p>Create one with {@link io.descent.backend.Backend#parameters(Precision, Layout)}.
 */
public final class ParameterBlock implements AutoCloseable
{
    private final DeviceVector vector;
    private final Layout layout;

    public ParameterBlock(final DeviceVector vector, final Layout layout)
    {
        if (vector.length() != layout.length())
        {
            throw new IllegalArgumentException("vector length must equal layout length: vector="
                + vector.length() + ", layout=" + layout.length());
        }
        this.vector = vector;
        this.layout = layout;
    }

    /** @return the whole block, for kernels. */
    public DeviceVector vector()
    {
        return vector;
    }

    public Layout layout()
    {
        return layout;
    }

    /** @throws IllegalArgumentException naming the known slices if {@code name} is not one. */
    public Slice slice(final String name)
    {
        return layout.slice(name);
    }

    /** Writes one named tensor; {@code values.length} must equal the slice length. */
    public void write(final String name, final float[] values)
    {
        final Slice s = checkedSlice(name, values.length);
        vector.write(s.offset(), values, 0, values.length);
    }

    /** Writes one named tensor; {@code values.length} must equal the slice length. */
    public void write(final String name, final double[] values)
    {
        final Slice s = checkedSlice(name, values.length);
        vector.write(s.offset(), values, 0, values.length);
    }

    /** @return a host copy of one named tensor, widened to double. */
    public double[] read(final String name)
    {
        final Slice s = layout.slice(name);
        final double[] out = new double[s.length()];
        if (vector.precision() == Precision.F64)
        {
            vector.read(s.offset(), out, 0, s.length());
            return out;
        }
        final float[] tmp = new float[s.length()];
        vector.read(s.offset(), tmp, 0, s.length());
        for (int i = 0; i < tmp.length; i++)
        {
            out[i] = tmp[i];
        }
        return out;
    }

    @Override
    public void close()
    {
        vector.close();
    }

    private Slice checkedSlice(final String name, final int length)
    {
        final Slice s = layout.slice(name);
        if (length != s.length())
        {
            throw new IllegalArgumentException("array length must equal slice length for '" + name
                + "': array=" + length + ", slice=" + s.length());
        }
        return s;
    }

    /** A named range {@code [offset, offset + length)} of a block. */
    public record Slice(String name, long offset, int length)
    {
    }

    /** The names and sizes of a block's tensors, in order. Immutable. */
    public static final class Layout
    {
        private final Map<String, Slice> slices;
        private final long length;

        private Layout(final Map<String, Slice> slices, final long length)
        {
            this.slices = Collections.unmodifiableMap(slices);
            this.length = length;
        }

        public static Builder builder()
        {
            return new Builder();
        }

        public long length()
        {
            return length;
        }

        public Map<String, Slice> slices()
        {
            return slices;
        }

        public Slice slice(final String name)
        {
            final Slice s = slices.get(name);
            if (s == null)
            {
                throw new IllegalArgumentException(
                    "no slice named '" + name + "'; known: " + slices.keySet());
            }
            return s;
        }

        /** Adds slices in order; names must be unique and lengths {@code >= 0}. */
        public static final class Builder
        {
            private final LinkedHashMap<String, Slice> slices = new LinkedHashMap<>();
            private long length;

            public Builder add(final String name, final int sliceLength)
            {
                Objects.requireNonNull(name, "name");
                if (sliceLength < 0)
                {
                    throw new IllegalArgumentException(
                        "slice length must be >= 0: '" + name + "' length=" + sliceLength);
                }
                if (slices.containsKey(name))
                {
                    throw new IllegalArgumentException(
                        "slice names must be unique: '" + name + "'");
                }
                slices.put(name, new Slice(name, length, sliceLength));
                length += sliceLength;
                return this;
            }

            public Layout build()
            {
                return new Layout(new LinkedHashMap<>(slices), length);
            }
        }
    }
}
