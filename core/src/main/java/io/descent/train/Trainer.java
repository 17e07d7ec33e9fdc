package io.descent.train;

import io.descent.backend.Backend;
import io.descent.backend.LossFunction;
import io.descent.backend.Rows;
import io.descent.data.Dataset;
import io.descent.memory.DeviceMatrix;
import io.descent.memory.DeviceVector;
import io.descent.memory.IndexVector;
import io.descent.memory.Precision;
import io.descent.optim.Optimizer;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fits a linear or logistic model by gradient descent on one backend.
 *
 * <p>The (optionally standardised) features and the targets are copied to the backend once;
 * the parameters (n weights, then the intercept), the gradient and the optimiser's state live
 * there for the whole run. Per epoch:
 * <ul>
 * <li>full batch ({@code batchSize = 0}): one gradient over all rows and one step;</li>
 * <li>mini-batches: the rows are shuffled by a {@link SplittableRandom} seeded with
 *     {@code config.seed()} (one permutation per epoch, written to an index vector, the only
 *     host-to-device copy after the upload), then each run of {@code batchSize} positions is one
 *     gradient and one step; the last batch holds the remainder.</li>
 * </ul>
 * After each epoch the loss over all rows is computed (the history) and the weights are checked
 * for NaN and infinity. A non-finite loss or weight ends the run with
 * {@link TrainingDivergedException}; with a tolerance t &gt; 0 the run also ends when
 * |L_prev - L| ≤ t·|L_prev|, L_prev being the previous epoch's loss (the initial loss for the
 * first). The parameters and predictions are read back once, at the end.
 *
 * <p>Weights start at 0. Weight decay enters the steps but not the reported loss.
 */
public final class Trainer
{
    private Trainer()
    {
    }

    /**
     * Trains without progress reports.
     *
     * @see #train(Backend, Dataset, TrainingConfig, ProgressListener)
     */
    public static TrainingResult train(final Backend backend, final Dataset data,
        final TrainingConfig config)
    {
        return train(backend, data, config, ProgressListener.NONE);
    }

    /**
     * Runs one training job.
     *
     * @throws IllegalArgumentException      if a logistic model meets a target other than 0 or 1
     *                                       (the message names the source and line).
     * @throws UnsupportedOperationException if the backend does not support the precision.
     * @throws TrainingDivergedException     if the loss or the weights stop being finite.
     */
    public static TrainingResult train(
        final Backend backend, final Dataset data, final TrainingConfig config,
        final ProgressListener listener)
    {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        if (config.model() == Model.LOGISTIC)
        {
            checkBinaryTargets(data);
        }

        final Standardizer scaling = config.standardize()
            ? Standardizer.fit(data) : Standardizer.identity(data.cols());
        final double[] features = scaling.apply(data.features());
        final long startNs = System.nanoTime();
        try (Run run = new Run(backend, data, features, config))
        {
            final int epochsRun = run.fit(listener);
            final double[] params = run.params.toDoubleArray();
            final Metrics metrics = run.metrics();
            final long elapsedNs = System.nanoTime() - startNs;

            final int n = data.cols();
            final TrainedModel model = new TrainedModel(config.model(), Arrays.copyOf(params, n),
                params[n], scaling);
            final double[] history = Arrays.copyOf(run.history, epochsRun);
            return new TrainingResult(backend.name(), backend.device(), config.precision(), config,
                epochsRun, run.stopReason, history, model, metrics, elapsedNs);
        }
    }

    private static void checkBinaryTargets(final Dataset data)
    {
        for (int i = 0; i < data.rows(); i++)
        {
            final double y = data.target(i);
            if (y != 0.0 && y != 1.0)
            {
                throw new IllegalArgumentException(data.source() + ":" + data.line(i)
                    + ": logistic model needs targets 0 or 1 in column '" + data.targetName()
                    + "', found " + y);
            }
        }
    }

    /** The device buffers of one run and the loop over them; closes every buffer. */
    private static final class Run implements AutoCloseable
    {
        private final Backend backend;
        private final Dataset data;
        private final TrainingConfig config;
        private final LossFunction loss;
        private final DeviceMatrix x;
        private final DeviceVector y;
        private final DeviceVector params;
        private final DeviceVector grad;
        private final Optimizer optimizer;
        private final IndexVector order;
        /** Grown as epochs finish, so that a large epoch limit with an early stop costs nothing. */
        private double[] history = new double[64];
        private StopReason stopReason = StopReason.EPOCHS;

        Run(final Backend backend, final Dataset data, final double[] features,
            final TrainingConfig config)
        {
            this.backend = backend;
            this.data = data;
            this.config = config;
            this.loss = config.model().loss();
            final Precision p = config.precision();
            final int m = data.rows();
            final int n = data.cols();

            DeviceMatrix xs = null;
            DeviceVector ys = null;
            DeviceVector ps = null;
            DeviceVector gs = null;
            IndexVector is = null;
            try
            {
                xs = backend.matrix(p, features, m, n);
                ys = backend.vector(p, data.targets());
                ps = backend.allocate(p, n + 1L);
                gs = backend.allocate(p, n + 1L);
                is = config.fullBatch() ? null : backend.indices(new int[m]);
            }
            catch (final RuntimeException e)
            {
                closeAll(xs, ys, ps, gs, is);
                throw e;
            }
            this.x = xs;
            this.y = ys;
            this.params = ps;
            this.grad = gs;
            this.order = is;
            this.optimizer = Optimizers.create(backend, config);
        }

        /** @return the number of epochs run. */
        int fit(final ProgressListener listener)
        {
            final int epochs = config.epochs();
            final SplittableRandom random = new SplittableRandom(config.seed());
            final int[] permutation = identity(data.rows());
            double previous = fullLoss();

            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                if (order == null)
                {
                    optimizer.step(params, grad);
                }
                else
                {
                    miniBatchEpoch(random, permutation);
                }
                final double current = fullLoss();
                if (epoch > history.length)
                {
                    history = Arrays.copyOf(history, (int)Math.min(2L * history.length, epochs));
                }
                history[epoch - 1] = current;
                listener.onEpoch(epoch, epochs, current);

                checkFinite(epoch, current);
                final double change = Math.abs(previous - current);
                if (config.tolerance() > 0.0 && change <= config.tolerance() * Math.abs(previous))
                {
                    stopReason = StopReason.TOLERANCE;
                    return epoch;
                }
                previous = current;
            }
            return epochs;
        }

        /**
         * Loss over all rows; leaves the full gradient in {@code grad} for the next full-batch
         * step.
         */
        private double fullLoss()
        {
            return backend.lossAndGradient(loss, x, y, params, grad, Rows.all());
        }

        private void miniBatchEpoch(final SplittableRandom random, final int[] permutation)
        {
            shuffle(permutation, random);
            order.write(permutation);
            final int m = permutation.length;
            final int size = config.batchSize();
            for (int from = 0; from < m; from += size)
            {
                final int to = (int)Math.min((long)from + size, m);
                backend.lossAndGradient(loss, x, y, params, grad, Rows.indices(order, from, to));
                optimizer.step(params, grad);
            }
        }

        private void checkFinite(final int epoch, final double current)
        {
            final boolean lossFinite = Double.isFinite(current);
            if (lossFinite && backend.allFinite(params))
            {
                return;
            }
            final String what = lossFinite
                ? "the weights are no longer finite" : "the loss is " + current;
            throw new TrainingDivergedException("training diverged at epoch " + epoch
                + " of " + config.epochs() + ": " + what + "; try a smaller learning rate than lr="
                + config.lr()
                + (config.standardize() ? "" : " or standardised features"),
                epoch, Arrays.copyOf(history, epoch));
        }

        Metrics metrics()
        {
            final double[] targets = data.targets();
            try (DeviceVector out = backend.allocate(config.precision(), data.rows()))
            {
                backend.predict(loss, x, params, out);
                final double[] predictions = out.toDoubleArray();
                if (config.model() == Model.LOGISTIC)
                {
                    return Metrics.classification(fullLoss(), predictions, targets);
                }
                return Metrics.regression(predictions, targets);
            }
        }

        @Override
        public void close()
        {
            optimizer.close();
            closeAll(x, y, params, grad, order);
        }

        private static void closeAll(final AutoCloseable... resources)
        {
            for (final AutoCloseable r : resources)
            {
                if (r == null)
                {
                    continue;
                }
                try
                {
                    r.close();
                }
                catch (final Exception e)
                {
                    throw new IllegalStateException("failed to free a training buffer: "
                        + e.getMessage(), e);
                }
            }
        }

        private static int[] identity(final int m)
        {
            final int[] p = new int[m];
            Arrays.setAll(p, i -> i);
            return p;
        }

        /** Fisher-Yates: every permutation equally likely, and the same one for the same seed. */
        private static void shuffle(final int[] p, final SplittableRandom random)
        {
            for (int i = p.length - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
    }
}
