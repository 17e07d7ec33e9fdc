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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 *
 * <p>Before anything is uploaded the data is checked against the run: a batch no larger than
 * the data, binary targets for a logistic model (-1/+1 labels are taken as 0/1, with a note in
 * the result), and every uploaded value small enough that the precision can square it.
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
     * @throws IllegalArgumentException      naming the source and line, if a logistic model
     *                                       meets targets other than 0 and 1 or -1 and +1, or
     *                                       a value is too large for the precision; or if the
     *                                       batch size exceeds the number of rows.
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
        if (config.batchSize() > data.rows())
        {
            throw new IllegalArgumentException("batch size must be at most the number of rows "
                + "(0 for the full batch): batchSize=" + config.batchSize() + ", rows="
                + data.rows());
        }
        final List<String> notes = new ArrayList<>();
        final double[] targets = config.model() == Model.LOGISTIC
            ? binaryTargets(data, notes) : data.targets();

        final Standardizer scaling = config.standardize()
            ? Standardizer.fit(data) : Standardizer.identity(data.cols());
        final double[] features = scaling.apply(data.features());
        checkMagnitudes(data, features, targets, config.precision());
        final long startNs = System.nanoTime();
        try (Run run = new Run(backend, data, features, targets, config))
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
                epochsRun, run.stopReason, history, model, metrics, elapsedNs, notes);
        }
    }

    /**
     * @return the targets as 0 and 1: as they are, or with -1 taken as 0 when every label is
     *     -1 or +1 (the usual LIBSVM convention), in which case a note says so.
     */
    private static double[] binaryTargets(final Dataset data, final List<String> notes)
    {
        final double[] targets = data.targets();
        int minusOne = -1;
        int zero = -1;
        for (int i = 0; i < targets.length; i++)
        {
            final double y = targets[i];
            if (y != 0.0 && y != 1.0 && y != -1.0)
            {
                throw notBinary(data, i, "found " + y);
            }
            minusOne = y == -1.0 && minusOne < 0 ? i : minusOne;
            zero = y == 0.0 && zero < 0 ? i : zero;
        }
        if (minusOne < 0)
        {
            return targets;
        }
        if (zero >= 0)
        {
            throw notBinary(data, minusOne, "found -1.0 as well as 0.0 (line "
                + data.line(zero) + ")");
        }
        for (int i = 0; i < targets.length; i++)
        {
            targets[i] = targets[i] == -1.0 ? 0.0 : 1.0;
        }
        notes.add("labels -1 and +1 in column '" + data.targetName() + "' taken as 0 and 1");
        return targets;
    }

    private static IllegalArgumentException notBinary(
        final Dataset data, final int row, final String found)
    {
        return new IllegalArgumentException(data.source() + ":" + data.line(row)
            + ": logistic model needs targets 0 or 1 (or -1 and +1) in column '"
            + data.targetName() + "', " + found);
    }

    /**
     * Rejects a value the backend's arithmetic cannot carry: the loss squares residuals and the
     * gradient multiplies features by them, so every value uploaded must stay at or below the
     * square root of the precision's largest finite number (about 1.8e19 for F32, 1.3e154 for
     * F64). The message names the raw value as it appears in the source.
     */
    private static void checkMagnitudes(
        final Dataset data, final double[] features, final double[] targets,
        final Precision precision)
    {
        final double limit = Math.sqrt(precision == Precision.F32 ? Float.MAX_VALUE
            : Double.MAX_VALUE);
        final int n = data.cols();
        for (int k = 0; k < features.length; k++)
        {
            if (!(Math.abs(features[k]) <= limit))
            {
                final int row = k / n;
                final int col = k % n;
                throw tooLarge(data, row, data.featureNames().get(col), data.feature(row, col),
                    precision, limit);
            }
        }
        for (int i = 0; i < targets.length; i++)
        {
            if (!(Math.abs(targets[i]) <= limit))
            {
                throw tooLarge(data, i, data.targetName(), targets[i], precision, limit);
            }
        }
    }

    private static IllegalArgumentException tooLarge(
        final Dataset data, final int row, final String column, final double value,
        final Precision precision, final double limit)
    {
        return new IllegalArgumentException(data.source() + ":" + data.line(row) + ": column '"
            + column + "' holds " + value + ", too large for "
            + precision.name().toLowerCase(java.util.Locale.ROOT)
            + " training, which squares values: magnitudes must be at most "
            + String.format(java.util.Locale.ROOT, "%.4g", limit)
            + (precision == Precision.F32 ? " (try --precision f64" : " (rescale the column")
            + ")");
    }

    /**
     * @return the hyperparameters that set the step size, and the changes that plausibly bring
     *     it back, e.g. {@code (lr=0.1, momentum=1.5); try a smaller momentum or learning rate}.
     */
    static String hint(final TrainingConfig c)
    {
        final boolean hasMomentum = c.optimizer() != OptimizerKind.SGD;
        final String momentumName = c.optimizer() == OptimizerKind.EMA ? "beta" : "momentum";
        final StringBuilder settings = new StringBuilder("(lr=").append(c.lr());
        if (hasMomentum)
        {
            settings.append(", ").append(momentumName).append('=').append(c.momentum());
        }
        if (c.weightDecay() != 0.0)
        {
            settings.append(", weight decay=").append(c.weightDecay());
        }
        settings.append(')');

        final List<String> fixes = new ArrayList<>();
        final double decayStep = c.lr() * c.weightDecay();
        if (decayStep > 2.0)
        {
            fixes.add("a smaller weight decay (lr x weight decay = " + decayStep
                + "; above 2 the decay alone makes every step overshoot)");
        }
        fixes.add("a smaller learning rate");
        if (hasMomentum && c.momentum() > 0.0)
        {
            fixes.add("a smaller " + momentumName);
        }
        if (c.weightDecay() != 0.0 && decayStep <= 2.0)
        {
            fixes.add("a smaller weight decay");
        }
        if (!c.standardize())
        {
            fixes.add("standardised features");
        }
        final String last = fixes.remove(fixes.size() - 1);
        final String options = fixes.isEmpty() ? last : String.join(", ", fixes) + " or " + last;
        return settings + "; try " + options;
    }

    /** The device buffers of one run and the loop over them; closes every buffer. */
    private static final class Run implements AutoCloseable
    {
        private final Backend backend;
        private final Dataset data;
        private final TrainingConfig config;
        private final double[] targets;
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
            final double[] targets, final TrainingConfig config)
        {
            this.backend = backend;
            this.data = data;
            this.config = config;
            this.targets = targets;
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
                ys = backend.vector(p, targets);
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
            this.optimizer = Optimizer.of(backend, config.updateRule());
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
                + " of " + config.epochs() + ": " + what + " " + hint(config),
                epoch, Arrays.copyOf(history, epoch));
        }

        Metrics metrics()
        {
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
