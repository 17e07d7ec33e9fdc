package io.descent.bench.workload;

import io.descent.backend.UpdateRule;
import io.descent.memory.Precision;

/**
 * The update kernels the benchmarks time, each with the memory traffic it must cause.
 *
 * <p>Bytes moved per element count each vector read once and each vector written once (the
 * STREAM convention: write-allocate traffic is not counted). With s bytes per element (4 for
 * F32, 8 for F64) a kernel moves {@code (reads + writes) * s} bytes per element, e.g. 20 bytes
 * for F32 momentum: read θ, b and g, write θ and b. Weight decay is zero in every rule, but
 * {@code PLAIN} still reads θ, because it writes θ in place.
 *
 * <p>Hyperparameters are chosen so that repeated steps on a constant gradient neither
 * overflow nor drift into subnormal numbers (which are much slower on x86): the state settles
 * at g·lr/(1-μ) or g/(1-μ) and θ moves by about 1e-4·|g| per step, so even tens of millions of
 * steps stay far from overflow.
 */
public enum UpdateKernel
{
    /** θ ← θ - lr·g. Reads θ, g; writes θ. */
    PLAIN("plain", 2, 1),
    /** PyTorch SGD momentum: b ← μb + g; θ ← θ - lr·b. Reads θ, b, g; writes θ, b. */
    MOMENTUM("momentum", 3, 2),
    /** PyTorch SGD, Nesterov: b ← μb + g; θ ← θ - lr·(g + μb). Reads θ, b, g; writes θ, b. */
    NESTEROV("nesterov", 3, 2),
    /** EMA form: b ← βb + (1-β)g; θ ← θ - lr·b. Reads θ, b, g; writes θ, b. */
    EMA("ema", 3, 2),
    /** Velocity form: v ← μv - lr·g; θ ← θ + v. Reads θ, v, g; writes θ, v. */
    VELOCITY("velocity", 3, 2),
    /** Velocity form with Nesterov (DL4J Nesterovs): v ← μv - lr·g; θ ← θ + μv - lr·g. */
    VELOCITY_NESTEROV("velocity-nesterov", 3, 2);

    /** Learning rate used by every benchmark. */
    public static final double LR = 1e-5;
    /** Momentum μ (β for EMA) used by every benchmark. */
    public static final double MU = 0.9;

    private final String id;
    private final int vectorsRead;
    private final int vectorsWritten;

    UpdateKernel(final String id, final int vectorsRead, final int vectorsWritten)
    {
        this.id = id;
        this.vectorsRead = vectorsRead;
        this.vectorsWritten = vectorsWritten;
    }

    /** @return the short name used in parameters, tables and charts. */
    public String id()
    {
        return id;
    }

    /** @return whether the kernel keeps a state vector (momentum buffer or velocity). */
    public boolean hasState()
    {
        return this != PLAIN;
    }

    /** @return bytes read plus bytes written per element. */
    public int bytesPerElement(final Precision precision)
    {
        return (vectorsRead + vectorsWritten) * precision.sizeBytes();
    }

    /** @return the rule this kernel applies. */
    public UpdateRule rule()
    {
        return switch (this)
        {
            case PLAIN -> UpdateRule.plain(LR, 0.0, false);
            case MOMENTUM -> UpdateRule.momentum(LR, MU, 0.0, 0.0, false, false);
            case NESTEROV -> UpdateRule.momentum(LR, MU, 0.0, 0.0, true, false);
            case EMA -> UpdateRule.ema(LR * 10.0, MU, 0.0, false);
            case VELOCITY -> UpdateRule.velocity(LR, MU, 0.0, false, false);
            case VELOCITY_NESTEROV -> UpdateRule.velocity(LR, MU, 0.0, true, false);
        };
    }

    /**
     * Parses a short name such as {@code momentum} or an enum name such as {@code MOMENTUM}.
     *
     * @throws IllegalArgumentException naming the accepted values otherwise.
     */
    public static UpdateKernel parse(final String text)
    {
        for (final UpdateKernel k : values())
        {
            if (k.id.equalsIgnoreCase(text) || k.name().equalsIgnoreCase(text))
            {
                return k;
            }
        }
        throw new IllegalArgumentException("update kernel must be one of " + ids() + ": " + text);
    }

    /** @return every short name, comma-separated. */
    public static String ids()
    {
        final StringBuilder sb = new StringBuilder();
        for (final UpdateKernel k : values())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.id);
        }
        return sb.toString();
    }
}
