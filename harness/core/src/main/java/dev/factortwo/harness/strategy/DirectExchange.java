package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;

/**
 * Averaging over direct TCP connections between the tasks of one Spark barrier stage, the way Horovod on Spark
 * and Spark's TorchDistributor use Spark: Spark gang-schedules the tasks and carries one {@code allGather} of
 * addresses (and a small agreement, such as a step count); everything after that travels outside Spark.
 * Partition 0 listens on its executor's block-manager host; every other task connects to it. Per exchange,
 * each task sends its tensors as little-endian floats, partition 0 reads them in partition order, averages
 * them with {@link Weights#average} (so the bits are those of averaging the same list anywhere) and sends the
 * mean back. One instance per task; not thread-safe.
 */
final class DirectExchange implements AutoCloseable {

    /** A connection or accept that waits longer than this fails the task (and so the barrier stage). */
    static final int TIMEOUT_MILLIS = 120_000;

    private final int partition;
    private final int partitions;
    private final int[] agreed;
    private final List<Socket> peers = new ArrayList<>();
    private final List<DataInputStream> ins = new ArrayList<>();
    private final List<DataOutputStream> outs = new ArrayList<>();
    long nanos;
    long bytesSent;

    private DirectExchange(int partition, int partitions, int[] agreed) {
        this.partition = partition;
        this.partitions = partitions;
        this.agreed = agreed;
    }

    /**
     * Connects the tasks of the current barrier stage; {@code value} is this task's share of an agreement every
     * task learns ({@link #agreed}).
     */
    static DirectExchange open(BarrierTaskContext task, int value) {
        int p = task.partitionId();
        int n = task.getTaskInfos().length;
        ServerSocket server = null;
        try {
            String address = "";
            if (p == 0) {
                String host = SparkEnv.get().blockManager().blockManagerId().host();
                server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getByName(host), 0), n);
                server.setSoTimeout(TIMEOUT_MILLIS);
                address = host + ":" + server.getLocalPort();
            }
            String[] all = PromptBarrier.allGather(task, value + "|" + address);
            int[] agreed = new int[n];
            for (int i = 0; i < n; i++) agreed[i] = Integer.parseInt(all[i].substring(0, all[i].indexOf('|')));
            DirectExchange x = new DirectExchange(p, n, agreed);
            if (p == 0) {
                Socket[] byPartition = new Socket[n];
                for (int i = 1; i < n; i++) {
                    Socket s = server.accept();
                    s.setSoTimeout(TIMEOUT_MILLIS);
                    s.setTcpNoDelay(true);
                    int from = new DataInputStream(s.getInputStream()).readInt();
                    byPartition[from] = s;
                }
                for (int i = 1; i < n; i++) x.add(byPartition[i]);
            } else {
                String zero = all[0].substring(all[0].indexOf('|') + 1);
                int colon = zero.lastIndexOf(':');
                Socket s = new Socket();
                s.connect(new InetSocketAddress(zero.substring(0, colon), Integer.parseInt(zero.substring(colon + 1))), TIMEOUT_MILLIS);
                s.setSoTimeout(TIMEOUT_MILLIS);
                s.setTcpNoDelay(true);
                x.add(s);
                x.outs.get(0).writeInt(p);
                x.outs.get(0).flush();
            }
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException("direct exchange, partition " + p + " of " + n + ": " + e.getMessage(), e);
        } finally {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // nothing left to accept
                }
            }
        }
    }

    private void add(Socket s) throws IOException {
        peers.add(s);
        ins.add(new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16)));
        outs.add(new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16)));
    }

    /** Every task's share of the agreement, in partition order. */
    int[] agreed() {
        return agreed.clone();
    }

    /** The mean of every task's {@code mine}, in partition order; every task gets the same bits. */
    Weights mean(Weights mine) {
        long t0 = System.nanoTime();
        try {
            int[] lengths = GradientCodec.lengths(mine);
            Weights mean;
            if (partition == 0) {
                List<Weights> parts = new ArrayList<>(partitions);
                parts.add(mine);
                for (DataInputStream in : ins) parts.add(GradientCodec.fromBytes(read(in), lengths));
                mean = Weights.average(parts);
                byte[] out = GradientCodec.bytes(mean);
                for (DataOutputStream o : outs) write(o, out);
            } else {
                write(outs.get(0), GradientCodec.bytes(mine));
                mean = GradientCodec.fromBytes(read(ins.get(0)), lengths);
            }
            return mean;
        } catch (IOException e) {
            throw new UncheckedIOException("direct exchange, partition " + partition + " of " + partitions + ": " + e.getMessage(), e);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    private void write(DataOutputStream o, byte[] b) throws IOException {
        o.writeInt(b.length);
        o.write(b);
        o.flush();
        bytesSent += 4L + b.length;
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    @Override
    public void close() {
        for (Socket s : peers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
