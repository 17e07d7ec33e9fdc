package io.descent.backend;

import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;

import java.util.Optional;

/**
 * The kernels one backend implements. Callers use {@link Backend}, which checks every argument
 * (open buffers of this engine, one precision, matching lengths, no forbidden aliasing, legal
 * row selections) before it calls an engine; an engine may therefore assume valid arguments and
 * cast vectors to its own classes.
 *
 * <p>Kernels compute in the precision of their arguments. Reductions and gradients must give
 * the same result whatever the number of threads or the launch geometry: they combine partial
 * results in a fixed order.
 */
public interface BackendEngine extends AutoCloseable
{
    /** @return the provider's short name. */
    String name();

    /** @return the device this engine runs on, in words. */
    String device();

    /** @return empty if this engine supports {@code precision}, else the reason it does not. */
    Optional<String> precisionRefusal(Precision precision);

    /** @return the largest vector length this engine can allocate. */
    long maxLength();

    /** Allocates a zero-filled vector. */
    DeviceVector allocate(Precision precision, long length);

    /** Allocates a zero-filled index vector. */
    IndexVector allocateIndices(int length);

    /**
     * Applies {@code rule} to every element: reads and writes {@code theta} and {@code state},
     * reads {@code grad}. {@code state} is null for {@link UpdateRule.Kind#PLAIN}.
     * {@code firstStep} selects b ← g for {@link UpdateRule.Kind#MOMENTUM}.
     */
    void update(
        UpdateRule rule,
        DeviceVector theta,
        DeviceVector grad,
        DeviceVector state,
        boolean firstStep);

    /**
     * Computes the mean loss over the selected rows and writes its gradient. {@code params} and
     * {@code grad} have {@code x.cols() + 1} elements, the intercept last. Reads x, y, params
     * and the index vector; writes grad.
     *
     * @return the loss, see {@link LossFunction}.
     */
    double lossAndGradient(LossFunction loss, DeviceMatrix x, DeviceVector y, DeviceVector params,
        DeviceVector grad, Rows rows);

    /** Writes zᵢ (least squares) or σ(zᵢ) (logistic) for every row into {@code out}. */
    void predict(LossFunction loss, DeviceMatrix x, DeviceVector params, DeviceVector out);

    /** @return Σ aᵢbᵢ, accumulated at least in the precision of the arguments. */
    double dot(DeviceVector a, DeviceVector b);

    /** @return Σ aᵢ². */
    double squaredNorm(DeviceVector a);

    /** @return whether no element is NaN or infinite. */
    boolean allFinite(DeviceVector a);

    /** Releases the engine; vectors it allocated must not be used afterwards. */
    @Override
    void close();
}
