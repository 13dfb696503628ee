package dev.factortwo.harness.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session a run uses: {@code local[2,4]} by default (two task slots, four attempts per task
 * so that an injected task failure is retried), bound to loopback, UI off; any other master
 * ({@code spark://}, {@code yarn}, {@code k8s://}) when asked.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** Default master: 2 slots, and up to 4 attempts per task (plain {@code local[2]} gives one). */
    public static final String DEFAULT_MASTER = dev.factortwo.model.Defaults.MASTER;

    /** Attempts per task of {@link #localMaster}, as the default master gives. */
    public static final int TASK_ATTEMPTS = 4;

    /** {@code local[slots,4]}: a local master with {@code slots} task slots and {@link #TASK_ATTEMPTS} attempts per task. */
    public static String localMaster(int slots) {
        return "local[" + slots + "," + TASK_ATTEMPTS + "]";
    }

    /** The configuration factortwo sets; values the user passes with {@code --conf} win. */
    public static Map<String, String> defaults(String master) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", master);
        conf.put("spark.app.name", "factortwo");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        conf.put("spark.sql.shuffle.partitions", "4");
        if (master.startsWith("local")) {
            conf.put("spark.driver.host", "127.0.0.1");
            conf.put("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.put("spark.task.maxFailures", "4");
        // a barrier task waits in allGather for its peers; bounded, so a stage that lost a peer fails instead of hanging
        conf.put("spark.barrier.sync.timeout", "300s");
        return conf;
    }

    /**
     * A Spark session on {@code master} with {@link #defaults} and {@code extra}.
     *
     * @throws IllegalStateException when a session on another master already runs in this JVM: Spark would hand that
     *                               one back instead, and the run would not be on the master it names
     */
    public static SparkSession start(String master, Map<String, String> extra) {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined() && !running.get().sparkContext().isStopped() && !running.get().sparkContext().master().equals(master)) {
            throw new IllegalStateException("a Spark session on " + running.get().sparkContext().master()
                    + " already runs in this JVM, and this run asked for one on " + master + ": Spark would hand back the running one");
        }
        SparkConf conf = new SparkConf();
        defaults(master).forEach(conf::set);
        extra.forEach(conf::set);
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        session.sparkContext().setLogLevel(Quiet.sparkLevel());
        return session;
    }

    public static JavaSparkContext context(SparkSession s) {
        return JavaSparkContext.fromSparkContext(s.sparkContext());
    }
}
