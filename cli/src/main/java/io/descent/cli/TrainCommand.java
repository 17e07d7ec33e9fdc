package io.descent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.descent.backend.Backend;
import io.descent.backend.BackendRegistry;
import io.descent.backend.BackendUnavailableException;
import io.descent.data.DataFormat;
import io.descent.data.DataSources;
import io.descent.data.Dataset;
import io.descent.memory.Precision;
import io.descent.train.Model;
import io.descent.train.OptimizerKind;
import io.descent.train.Standardizer;
import io.descent.train.StopReason;
import io.descent.train.TrainedModel;
import io.descent.train.Trainer;
import io.descent.train.TrainingConfig;
import io.descent.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code descent train}: fits a model on a data set and prints its metrics. */
@Command(name = "train", sortOptions = false, mixinStandardHelpOptions = true,
    description = {
        "Train a linear or logistic model by gradient descent on one backend and print its "
            + "metrics.",
        "With no options: a linear model on the embedded diabetes data, full-batch momentum."})
final class TrainCommand implements Callable<Integer>
{
    /** Width the human summary wraps its list of weights at. */
    private static final int SUMMARY_WIDTH = 96;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
        description = "CSV or LIBSVM file, or an embedded data set: diabetes, breast_cancer; "
            + "a file of that name wins (default: diabetes)")
    private String data;

    @Option(names = "--format", paramLabel = "csv|libsvm",
        converter = Converters.FormatConverter.class,
        description = "file format (default: libsvm for .libsvm/.svm/.svmlight names, else csv)")
    private DataFormat format;

    @Option(names = "--target", paramLabel = "NAME", description =
        "CSV target column (default: the last one)")
    private String target;

    @Option(names = "--model", paramLabel = "linear|logistic",
        converter = Converters.ModelConverter.class,
        description = "model to fit (default: linear)")
    private Model model = Model.LINEAR;

    @Option(names = "--optimizer", paramLabel = "NAME",
        converter = Converters.OptimizerConverter.class,
        description = "sgd, momentum, nesterov, ema or velocity (default: momentum)")
    private OptimizerKind optimizer = OptimizerKind.MOMENTUM;

    @Option(names = "--lr", paramLabel = "X", converter = Converters.DoubleConverter.class,
        description = "learning rate, > 0 (default: " + TrainingConfig.DEFAULT_LR + ")")
    private double lr = TrainingConfig.DEFAULT_LR;

    /** Null unless given: sgd refuses a momentum, the others default to 0.9. */
    @Option(names = "--momentum", paramLabel = "X", converter = Converters.DoubleConverter.class,
        description = "momentum, or beta for ema, in [0, 1); not for sgd (default: "
            + TrainingConfig.DEFAULT_MOMENTUM + ")")
    private Double momentum;

    @Option(names = "--dampening", paramLabel = "X", converter = Converters.DoubleConverter.class,
        description = "dampening in [0, 1], momentum optimizer only (default: 0)")
    private double dampening;

    @Option(names = "--nesterov", description = "Nesterov look-ahead for the momentum and "
        + "velocity optimizers")
    private boolean nesterov;

    @Option(names = "--weight-decay", paramLabel = "X",
        converter = Converters.DoubleConverter.class,
        description = "L2 weight decay (default: 0)")
    private double weightDecay;

    @Option(names = "--epochs", paramLabel = "N",
        description = "most passes over the data (default: " + TrainingConfig.DEFAULT_EPOCHS + ")")
    private int epochs = TrainingConfig.DEFAULT_EPOCHS;

    @Option(names = "--batch-size", paramLabel = "N",
        description = "rows per shuffled mini-batch; 0 for the full batch (default: 0)")
    private int batchSize;

    @Option(names = "--tolerance", paramLabel = "X", converter = Converters.DoubleConverter.class,
        description = "stop when the relative change of the epoch loss is at most X; 0 never "
            + "(default: 0)")
    private double tolerance;

    @Option(names = "--no-standardize", description = "use the raw features (default: scale to "
        + "mean 0, std 1)")
    private boolean noStandardize;

    @Option(names = "--seed", paramLabel = "N",
        description = "seed of the mini-batch shuffle (default: " + TrainingConfig.DEFAULT_SEED
            + ")")
    private long seed = TrainingConfig.DEFAULT_SEED;

    @Option(names = "--backend", paramLabel = "NAME",
        description = "cuda, opencl or java (default: $" + BackendRegistry.BACKEND_ENV
            + ", else the best available)")
    private String backend;

    @Option(names = "--precision", paramLabel = "f32|f64",
        converter = Converters.PrecisionConverter.class,
        description = "arithmetic on the backend (default: f32)")
    private Precision precision = Precision.F32;

    @Option(names = "--json", description = "print one JSON object on standard output")
    private boolean json;

    @Override
    public Integer call() throws IOException
    {
        final TrainingConfig config = config();
        final Dataset dataset = DataSources.load(data, format, target);

        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (Backend opened = openBackend())
        {
            if (!opened.supports(precision))
            {
                throw new UsageException("backend " + opened.name() + " does not support "
                    + precision.name().toLowerCase(Locale.ROOT) + "; try --precision f32");
            }
            final ProgressBar bar = ProgressBar.forTerminal(err);
            final TrainingResult result;
            try
            {
                result = Trainer.train(opened, dataset, config, bar);
            }
            finally
            {
                bar.finish();
            }
            if (json)
            {
                out.println(Json.write(json(dataset, result)));
            }
            else
            {
                summary(out, dataset, result);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Opens the backend named by {@code --backend}, or else by the system property or the
     * environment variable; a name from one of those is a mistake made elsewhere, so the message
     * says where it came from.
     */
    private Backend openBackend()
    {
        final BackendRegistry registry = BackendRegistry.load();
        if (backend != null)
        {
            return registry.open(backend);
        }
        final String property = System.getProperty(BackendRegistry.BACKEND_PROPERTY);
        final String env = System.getenv(BackendRegistry.BACKEND_ENV);
        final String origin = property != null && !property.isBlank()
            ? "-D" + BackendRegistry.BACKEND_PROPERTY
            : env != null && !env.isBlank() ? BackendRegistry.BACKEND_ENV : null;
        try
        {
            return registry.open(null);
        }
        catch (final IllegalArgumentException | BackendUnavailableException e)
        {
            if (origin == null)
            {
                throw e;
            }
            throw new UsageException(e.getMessage() + " (the name comes from " + origin + "; "
                + "--backend overrides it)");
        }
    }

    private TrainingConfig config()
    {
        try
        {
            final TrainingConfig.Builder builder = TrainingConfig.builder()
                .model(model).optimizer(optimizer).lr(lr).dampening(dampening)
                .nesterov(nesterov).weightDecay(weightDecay).epochs(epochs).batchSize(batchSize)
                .tolerance(tolerance).standardize(!noStandardize).seed(seed).precision(precision);
            if (momentum != null)
            {
                builder.momentum(momentum);
            }
            return builder.build();
        }
        catch (final IllegalArgumentException e)
        {
            throw new UsageException(e.getMessage());
        }
    }

    private static ObjectNode json(final Dataset dataset, final TrainingResult r)
    {
        final TrainingConfig c = r.config();
        final TrainedModel m = r.model();
        final ObjectNode root = Json.object();
        root.put("backend", r.backend());
        root.put("device", r.device());
        root.put("precision", r.precision().name().toLowerCase(Locale.ROOT));
        root.put("model", c.model().toString());
        root.put("optimizer", c.optimizer().toString());

        final ObjectNode hyper = root.putObject("hyperparameters");
        hyper.put("lr", c.lr());
        hyper.put("momentum", c.momentum());
        hyper.put("dampening", c.dampening());
        hyper.put("nesterov", c.nesterov() || c.optimizer() == OptimizerKind.NESTEROV);
        hyper.put("weight_decay", c.weightDecay());
        hyper.put("batch_size", c.batchSize());
        hyper.put("tolerance", c.tolerance());
        hyper.put("seed", c.seed());

        final ObjectNode source = root.putObject("data");
        source.put("source", dataset.source());
        source.put("embedded", dataset.embedded());
        source.put("rows", dataset.rows());
        source.put("features", dataset.cols());
        source.put("target", dataset.targetName());

        root.put("epochs_run", r.epochsRun());
        root.put("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
        Json.put(root, "final_loss", r.finalLoss());
        final ArrayNode history = root.putArray("loss_history");
        for (final double loss : r.lossHistory())
        {
            Json.add(history, loss);
        }
        root.set("feature_names", Json.strings(dataset.featureNames()));
        root.set("weights", Json.numbers(m.weights()));
        Json.put(root, "intercept", m.intercept());
        root.put("standardized", c.standardize());
        if (c.standardize())
        {
            final Standardizer s = m.scaling();
            final ObjectNode scaling = root.putObject("standardization");
            scaling.set("means", Json.numbers(s.means()));
            scaling.set("scales", Json.numbers(s.scales()));
        }
        final ObjectNode metrics = root.putObject("metrics");
        for (final Map.Entry<String, Double> e : r.metrics().values().entrySet())
        {
            Json.put(metrics, e.getKey(), e.getValue());
        }
        root.put("elapsed_ms", r.elapsedNs() / 1e6);
        root.set("notes", Json.strings(r.notes()));
        return root;
    }

    private static void summary(final PrintWriter out, final Dataset dataset,
        final TrainingResult r)
    {
        final TrainingConfig c = r.config();
        final double[] history = r.lossHistory();
        out.printf(Locale.ROOT, "trained %s model on %s%n", c.model(), dataset);
        out.printf(Locale.ROOT, "  backend    %s (%s), %s%n", r.backend(), r.device(),
            r.precision().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "  optimizer  %s, %s, %s%n", c.describeOptimizer(),
            c.fullBatch() ? "full batch" : "batches of " + c.batchSize(),
            c.standardize() ? "standardised features" : "raw features");
        final String stop = r.stopReason() == StopReason.TOLERANCE
            ? "loss change within tolerance" : "all run";
        out.printf(Locale.ROOT, "  epochs     %d of %d (%s) in %.1f ms%n", r.epochsRun(),
            c.epochs(), stop, r.elapsedNs() / 1e6);
        final String lossIs = c.model() == Model.LINEAR ? "half the mse" : "mean log-loss";
        out.printf(Locale.ROOT, "  loss       %.6g after epoch 1, %.6g at the end (%s)%n",
            history[0], r.finalLoss(), lossIs);
        final StringBuilder metrics = new StringBuilder();
        for (final Map.Entry<String, Double> e : r.metrics().values().entrySet())
        {
            metrics.append(String.format(Locale.ROOT, "  %s %.6g", e.getKey(), e.getValue()));
        }
        out.println("  metrics  " + metrics);
        final double[] w = r.model().weights();
        StringBuilder line = new StringBuilder("  weights    ");
        for (int j = 0; j < w.length; j++)
        {
            final String name = dataset.featureNames().get(j);
            final String item = String.format(Locale.ROOT, "%s=%.4g ", name, w[j]);
            if (line.length() + item.length() > SUMMARY_WIDTH && line.length() > 13)
            {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder("             ");
            }
            line.append(item);
        }
        out.println(line.toString().stripTrailing());
        out.printf(Locale.ROOT, "  intercept  %.6g%n", r.model().intercept());
        if (r.config().standardize())
        {
            out.println("  scaling    weights apply to standardised features (x - mean) / std; "
                + "predictions take raw rows");
        }
        for (final String note : r.notes())
        {
            out.println("  note       " + note);
        }
    }
}
