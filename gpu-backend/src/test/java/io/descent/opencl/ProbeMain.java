package io.descent.opencl;

import io.descent.backend.Availability;

/** Prints the probe's answer on one line; {@link OpenClProviderTest} runs it in a fresh JVM. */
public final class ProbeMain
{
    private ProbeMain()
    {
    }

    public static void main(final String[] args)
    {
        final Availability answer = new OpenClProvider().probe();
        final String state = answer.available() ? "available: " : "unavailable: ";
        System.out.println(state + answer.detail());
    }
}
