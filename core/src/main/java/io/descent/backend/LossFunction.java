package io.descent.backend;

/**
 * The models whose loss and gradient the backends compute. For a row-major X with m selected
 * rows, weights w, intercept c and z = Xw + c:
 * <ul>
 * <li>{@link #LEAST_SQUARES}: loss = (1/2m)·Σ(zᵢ - yᵢ)², ∇w = (1/m)·Xᵀ(z - y),
 *     ∇c = (1/m)·Σ(zᵢ - yᵢ).</li>
 * <li>{@link #LOGISTIC}: loss = (1/m)·Σ[log(1 + e^{zᵢ}) - yᵢzᵢ],
 *     ∇w = (1/m)·Xᵀ(σ(z) - y), ∇c = (1/m)·Σ(σ(zᵢ) - yᵢ).
 *     Evaluated as max(z, 0) + log1p(e^{-|z|}) - yz, and σ through e^{-|z|},
 *     so that no |z| overflows or produces NaN. Targets are labels 0 and 1 (or
 *     probabilities in [0, 1]); the kernels do not scan y to check it, which would cost a
 *     pass over the data on every call: the trainer checks labels once when it loads them.</li>
 * </ul>
 */
public enum LossFunction
{
    LEAST_SQUARES, LOGISTIC
}
