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
 *     so that no |z| overflows or produces NaN.</li>
 * </ul>
 */
public enum LossFunction
{
    LEAST_SQUARES, LOGISTIC
}
