package io.descent.cuda;

/** How the CUDA engine computes losses and gradients. */
public enum GradientPath
{
    /**
     * Two cuBLAS GEMV calls (z = Xw, then ∇w = (1/m)·Xᵀe) around the backend's residual kernel.
     * Used for all rows and row ranges; an index-selected mini-batch, or a matrix with no
     * columns, still goes through the fused kernel because GEMV cannot gather rows.
     */
    CUBLAS,

    /** The backend's single-pass fused kernel for every row selection. */
    OWN_KERNELS;

    /** System property choosing the path: {@code cublas}, {@code kernels} or {@code auto}. */
    public static final String PROPERTY = "descent.cuda.gradients";

    /**
     * @return the path named by {@code text}, or, for {@code auto}, null or empty, cuBLAS when
     *     it is available and the own kernels otherwise.
     */
    public static GradientPath choose(final String text, final boolean cublasAvailable)
    {
        final String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t)
        {
            case "", "auto" -> cublasAvailable ? CUBLAS : OWN_KERNELS;
            case "cublas" -> CUBLAS;
            case "kernels" -> OWN_KERNELS;
            default -> throw new IllegalArgumentException(
                PROPERTY + " must be auto, cublas or kernels: " + text);
        };
    }
}
