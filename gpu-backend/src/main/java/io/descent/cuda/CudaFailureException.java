package io.descent.cuda;

/** A CUDA driver call that returned an error; the message names the call and the error. */
public class CudaFailureException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final int result;

    public CudaFailureException(final String message, final int result)
    {
        super(message);
        this.result = result;
    }

    /** @return the driver's {@code CUresult} code. */
    public int result()
    {
        return result;
    }
}
