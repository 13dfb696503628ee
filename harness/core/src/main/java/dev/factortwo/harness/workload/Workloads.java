package dev.factortwo.harness.workload;

import dev.factortwo.harness.nn.Architecture;
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

    /** @throws UserError naming the known workloads */
    public static Workload byName(String name) {
        return all().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("unknown workload '" + name + "'; expected one of " + names()));
    }
}
