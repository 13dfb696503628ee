package dev.factortwo.harness.workload;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.UserError;
import java.util.List;

/** The workloads factortwo ships, by name. */
public final class Workloads {

    private Workloads() {
    }

    public static final Workload TRAIN_MLP = new Workload.Train("train-mlp", Architecture.Mlp.standard());
    public static final Workload TRAIN_CNN = new Workload.Train("train-cnn", Architecture.Cnn.standard());
    public static final Workload INFER = new Workload.Infer("infer", Architecture.Mlp.standard());

    public static List<Workload> all() {
        return List.of(TRAIN_MLP, TRAIN_CNN, INFER);
    }

    public static List<String> names() {
        return all().stream().map(Workload::name).toList();
    }

    /**
     * The workload a cell runs: {@link #byName} of its key's workload, with the key's model where it names one
     * ({@link CellKey#architecture()}, e.g. {@code mlp-16384-1024} from {@code run --mlp-hidden}).
     *
     * @throws IllegalArgumentException when the key names a model its workload cannot build
     */
    public static Workload of(CellKey key) {
        Workload w = byName(key.workload());
        if (key.architecture().isEmpty()) return w;
        Architecture a = Architecture.Mlp.parseName(key.architecture());
        if (!(w.architecture() instanceof Architecture.Mlp)) {
            throw new IllegalArgumentException(key.id() + ": " + w.name() + " is not an MLP, and cannot build " + key.architecture());
        }
        return w.training() ? new Workload.Train(w.name(), a) : new Workload.Infer(w.name(), a);
    }

    /** True when {@code workload}'s model is an MLP, whose hidden layers {@code run --mlp-hidden} sets. */
    public static boolean mlp(Workload workload) {
        return workload.architecture() instanceof Architecture.Mlp;
    }

    /** The names of the workloads whose model is an MLP. */
    public static List<String> mlpNames() {
        return all().stream().filter(Workloads::mlp).map(Workload::name).toList();
    }

    /** @throws UserError naming the known workloads */
    public static Workload byName(String name) {
        return all().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("unknown workload '" + name + "'; expected one of " + names()));
    }
}
