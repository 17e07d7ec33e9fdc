package io.descent.backend;

import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.ParameterBlock;
import io.descent.memory.Precision;

import java.util.Objects;

/**
 * An opened backend: allocates vectors on its device and runs kernels on them. Obtain one from
 * {@link BackendRegistry}.
 *
 * <p>Every method checks all of its arguments before any state is touched, so a rejected call
 * modifies nothing; the exception message states the broken constraint and the values. No
 * kernel moves data between the host and the device: only the vectors' own {@code write} and
 * {@code read} methods do, and the scalar results of reductions and losses are returned.
 */
public final class Backend implements AutoCloseable
{
    private final BackendEngine engine;
    private boolean closed;

    public Backend(final BackendEngine engine)
    {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** @return short name, e.g. {@code java}. */
    public String name()
    {
        return engine.name();
    }

    /** @return the device in words. */
    public String device()
    {
        return engine.device();
    }

    /** @return whether {@link #close()} has been called. */
    public boolean isClosed()
    {
        return closed;
    }

    /** @return the engine, for code that extends the backends. */
    public BackendEngine engine()
    {
        return engine;
    }

    public boolean supports(final Precision precision)
    {
        return engine.precisionRefusal(precision).isEmpty();
    }

    /** Allocates a zero-filled vector of {@code length} elements. */
    public DeviceVector allocate(final Precision precision, final long length)
    {
        checkOpen();
        checkPrecision(precision);
        if (length < 0 || length > engine.maxLength())
        {
            throw new IllegalArgumentException("length must be in [0, " + engine.maxLength()
                + "] on " + name() + ": length=" + length);
        }
        return engine.allocate(precision, length);
    }

    /** @return a new F32 vector holding a copy of {@code values}. */
    public DeviceVector vector(final float[] values)
    {
        final DeviceVector v = allocate(Precision.F32, values.length);
        v.write(values);
        return v;
    }

    /** @return a new F64 vector holding a copy of {@code values}. */
    public DeviceVector vector(final double[] values)
    {
        final DeviceVector v = allocate(Precision.F64, values.length);
        v.write(values);
        return v;
    }

    /** @return a new vector of {@code precision} holding {@code values}, rounded to it. */
    public DeviceVector vector(final Precision precision, final double[] values)
    {
        final DeviceVector v = allocate(precision, values.length);
        v.writeRounded(values);
        return v;
    }

    /** @return a new matrix of {@code precision} holding the row-major {@code values}, rounded. */
    public DeviceMatrix matrix(
        final Precision precision, final double[] values, final int rows, final int cols)
    {
        checkShape(rows, cols, values.length);
        return new DeviceMatrix(vector(precision, values), rows, cols);
    }

    /** @return a zero-filled row-major matrix. */
    public DeviceMatrix matrix(final Precision precision, final int rows, final int cols)
    {
        checkShape(rows, cols, (long)rows * cols);
        return new DeviceMatrix(allocate(precision, (long)rows * cols), rows, cols);
    }

    /** @return a new F32 matrix holding a copy of the row-major {@code values}. */
    public DeviceMatrix matrix(final float[] values, final int rows, final int cols)
    {
        checkShape(rows, cols, values.length);
        return new DeviceMatrix(vector(values), rows, cols);
    }

    /** @return a new F64 matrix holding a copy of the row-major {@code values}. */
    public DeviceMatrix matrix(final double[] values, final int rows, final int cols)
    {
        checkShape(rows, cols, values.length);
        return new DeviceMatrix(vector(values), rows, cols);
    }

    /** @return a new index vector holding a copy of {@code values}. */
    public IndexVector indices(final int[] values)
    {
        checkOpen();
        final IndexVector v = engine.allocateIndices(values.length);
        v.write(values);
        return v;
    }

    /** @return a zero-filled parameter block with the given layout. */
    public ParameterBlock parameters(final Precision precision, final ParameterBlock.Layout layout)
    {
        return new ParameterBlock(allocate(precision, layout.length()), layout);
    }

    /**
     * Applies one update step to every element; see {@link UpdateRule} for the formulas.
     * Reads {@code grad}; reads and writes {@code theta} and {@code state}. The three vectors
     * must be distinct, open, of this backend, of one precision and one length.
     *
     * @param state     the momentum buffer or velocity; must be null for {@code PLAIN}.
     * @param firstStep for {@code MOMENTUM}: copy the gradient into the buffer instead of
     *                  decaying it (PyTorch's first step).
     */
    public void update(
        final UpdateRule rule,
        final DeviceVector theta,
        final DeviceVector grad,
        final DeviceVector state,
        final boolean firstStep)
    {
        checkOpen();
        Objects.requireNonNull(rule, "rule");
        checkVector("theta", theta);
        checkVector("grad", grad);
        checkSame("theta", theta, "grad", grad);
        checkSameLength("theta", theta, "grad", grad);
        if (rule.kind().hasState())
        {
            if (state == null)
            {
                throw new IllegalArgumentException(rule.kind() + " update needs a state vector");
            }
            checkVector("state", state);
            checkSame("theta", theta, "state", state);
            checkSameLength("theta", theta, "state", state);
            checkDistinct("grad", grad, "state", state);
        }
        else if (state != null)
        {
            throw new IllegalArgumentException("PLAIN update takes no state vector");
        }
        checkDistinct("theta", theta, "grad", grad);
        if (rule.kind().hasState())
        {
            checkDistinct("theta", theta, "state", state);
        }

        engine.update(rule, theta, grad, state, firstStep);
    }

    /**
     * Computes the mean loss of {@code loss} over the selected rows and writes its gradient with
     * respect to {@code params} into {@code grad}. Reads x, y, params; writes grad. The matrix,
     * vectors and index vector must be open and of this backend, of one precision; {@code y}
     * has {@code x.rows()} elements, {@code params} and {@code grad} have {@code x.cols() + 1}
     * (the intercept last); {@code grad} must not be any of the inputs; at least one row.
     *
     * @return the mean loss over the selected rows.
     */
    public double lossAndGradient(
        final LossFunction loss,
        final DeviceMatrix x,
        final DeviceVector y,
        final DeviceVector params,
        final DeviceVector grad,
        final Rows rows)
    {
        checkOpen();
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(rows, "rows");
        checkModel(x, params, "params");
        checkVector("y", y);
        checkVector("grad", grad);
        checkSame("x", x.data(), "y", y);
        checkSame("params", params, "grad", grad);
        requireLength("y", y, x.rows());
        requireLength("grad", grad, (long)x.cols() + 1);
        checkDistinct("grad", grad, "params", params);
        checkDistinct("grad", grad, "y", y);
        checkDistinct("grad", grad, "x", x.data());
        checkRows(rows, x.rows());

        return engine.lossAndGradient(loss, x, y, params, grad, rows);
    }

    /**
     * Writes each row's prediction into {@code out}: zᵢ = xᵢ·w + c for least squares, σ(zᵢ)
     * for logistic. Reads x and params; writes out, which has {@code x.rows()} elements.
     */
    public void predict(
        final LossFunction loss,
        final DeviceMatrix x,
        final DeviceVector params,
        final DeviceVector out)
    {
        checkOpen();
        Objects.requireNonNull(loss, "loss");
        checkModel(x, params, "params");
        checkVector("out", out);
        checkSame("x", x.data(), "out", out);
        requireLength("out", out, x.rows());
        checkDistinct("out", out, "params", params);
        checkDistinct("out", out, "x", x.data());

        engine.predict(loss, x, params, out);
    }

    /** @return Σ aᵢbᵢ. Reads both; they may be the same vector. */
    public double dot(final DeviceVector a, final DeviceVector b)
    {
        checkOpen();
        checkVector("a", a);
        checkVector("b", b);
        checkSame("a", a, "b", b);
        checkSameLength("a", a, "b", b);
        return engine.dot(a, b);
    }

    /** @return Σ aᵢ². Reads a. */
    public double squaredNorm(final DeviceVector a)
    {
        checkOpen();
        checkVector("a", a);
        return engine.squaredNorm(a);
    }

    /** @return true if no element of {@code a} is NaN or infinite. Reads a. */
    public boolean allFinite(final DeviceVector a)
    {
        checkOpen();
        checkVector("a", a);
        return engine.allFinite(a);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            engine.close();
        }
    }

    /** @throws IllegalStateException once {@link #close()} has been called. */
    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("backend is closed: " + name());
        }
    }

    @Override
    public String toString()
    {
        return name() + " (" + device() + ")";
    }

    private void checkPrecision(final Precision precision)
    {
        Objects.requireNonNull(precision, "precision");
        engine.precisionRefusal(precision).ifPresent(reason ->
        {
            throw new UnsupportedOperationException(
                precision + " is not supported by " + name() + ": " + reason);
        });
    }

    private static void checkShape(final int rows, final int cols, final long length)
    {
        if (rows < 0 || cols < 0)
        {
            throw new IllegalArgumentException(
                "rows and cols must be >= 0: rows=" + rows + ", cols=" + cols);
        }
        if ((long)rows * cols != length)
        {
            throw new IllegalArgumentException("matrix shape must match the data: rows=" + rows
                + ", cols=" + cols + ", length=" + length);
        }
    }

    private void checkModel(final DeviceMatrix x, final DeviceVector params, final String name)
    {
        Objects.requireNonNull(x, "x");
        checkVector("x", x.data());
        checkVector(name, params);
        checkSame("x", x.data(), name, params);
        requireLength(name, params, (long)x.cols() + 1);
    }

    private void checkVector(final String name, final DeviceVector v)
    {
        Objects.requireNonNull(v, name);
        v.checkOpen();
        if (v.engine() != engine)
        {
            throw new IllegalArgumentException(
                name + " belongs to another backend: " + v + ", expected " + name());
        }
    }

    private static void checkSame(
        final String nameA, final DeviceVector a, final String nameB, final DeviceVector b)
    {
        if (a.precision() != b.precision())
        {
            throw new IllegalArgumentException("precisions must match: " + nameA + " is "
                + a.precision() + ", " + nameB + " is " + b.precision());
        }
    }

    private static void checkSameLength(
        final String nameA, final DeviceVector a, final String nameB, final DeviceVector b)
    {
        if (a.length() != b.length())
        {
            throw new IllegalArgumentException("lengths must match: " + nameA + "=" + a.length()
                + ", " + nameB + "=" + b.length());
        }
    }

    private static void checkDistinct(
        final String nameA, final DeviceVector a, final String nameB, final DeviceVector b)
    {
        if (a == b)
        {
            throw new IllegalArgumentException(
                nameA + " and " + nameB + " must be different vectors");
        }
    }

    private static void requireLength(final String name, final DeviceVector v, final long expected)
    {
        if (v.length() != expected)
        {
            throw new IllegalArgumentException(
                name + " length must be " + expected + ": " + name + "=" + v.length());
        }
    }

    private void checkRows(final Rows rows, final int totalRows)
    {
        if (rows.count(totalRows) == 0)
        {
            throw new IllegalArgumentException(
                "at least one row must be selected: " + rows + " of " + totalRows);
        }
        if (rows.kind() == Rows.Kind.RANGE && rows.to() > totalRows)
        {
            throw new IllegalArgumentException(
                "row range must end at or before " + totalRows + ": to=" + rows.to());
        }
        if (rows.kind() == Rows.Kind.INDICES)
        {
            final IndexVector idx = rows.indexVector();
            idx.checkOpen();
            if (idx.engine() != engine)
            {
                throw new IllegalArgumentException(
                    "index vector belongs to another backend: " + idx.engine().name());
            }
            if (idx.minValue() < 0 || idx.maxValue() >= totalRows)
            {
                throw new IllegalArgumentException("row indices must be in [0, " + totalRows
                    + "): min=" + idx.minValue() + ", max=" + idx.maxValue());
            }
        }
    }
}
