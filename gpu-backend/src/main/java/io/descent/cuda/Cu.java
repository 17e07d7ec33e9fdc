package io.descent.cuda;

import jcuda.CudaException;
import jcuda.driver.CUresult;

import java.util.function.IntSupplier;

/**
 * Return-code handling for JCuda driver calls. The backend checks every code itself, so it
 * behaves the same whether or not some other code in the JVM has called
 * {@code JCudaDriver.setExceptionsEnabled(true)}; {@link #call(IntSupplier)} turns the
 * {@link CudaException} thrown in that mode back into the code.
 */
final class Cu
{
    private Cu()
    {
    }

    /** @return the call's result code, also when JCuda reported it as an exception. */
    static int call(final IntSupplier driverCall)
    {
        try
        {
            return driverCall.getAsInt();
        }
        catch (final CudaException e)
        {
            return codeOf(e.getMessage());
        }
    }

    /** Runs {@code driverCall} and throws naming {@code what} unless it returned success. */
    static void check(final String what, final IntSupplier driverCall)
    {
        final int result = call(driverCall);
        if (result != CUresult.CUDA_SUCCESS)
        {
            throw new CudaFailureException(what + " failed: " + name(result), result);
        }
    }

    /** @return the symbolic name of a driver result code, e.g. {@code CUDA_ERROR_NO_DEVICE}. */
    static String name(final int result)
    {
        return CUresult.stringFor(result);
    }

    private static int codeOf(final String message)
    {
        for (int code = 1; code < 1000; code++)
        {
            final String name = CUresult.stringFor(code);
            if (name.equals(message == null ? null : message.trim()))
            {
                return code;
            }
        }
        return CUresult.CUDA_ERROR_UNKNOWN;
    }
}
