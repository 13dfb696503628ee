package dev.factortwo.harness.state;

import dev.factortwo.harness.task.Indexed;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Runs one function per partition of an RDD as a Spark barrier stage: every task starts together and may
 * call {@code BarrierTaskContext.get().allGather}. The stage is followed by a shuffle, so it is a shuffle map
 * stage, which Spark resubmits as a whole after a task failure (a failed barrier result stage is never
 * retried). Needs as many free task slots as partitions.
 */
final class BarrierStage {

    private BarrierStage() {
    }

    /** The body of one barrier task: the partition's iterator in, one result out. */
    interface Body<S, T> extends Serializable {
        Indexed<T> apply(java.util.Iterator<S> in);
    }

    static <S, T> List<Indexed<T>> run(JavaRDD<S> rdd, Body<S, T> body) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ClassTag<Indexed<T>> tag = (ClassTag) ClassTag$.MODULE$.apply(Indexed.class);
        RDD<Indexed<T>> stage = rdd.rdd().barrier().mapPartitions(new OnePerPartition<>(body), false, tag);
        return JavaRDD.fromRDD(stage, tag).repartition(1).collect();
    }

    /** The serializable Scala function {@code RDDBarrier.mapPartitions} takes. */
    private static final class OnePerPartition<S, T>
            extends AbstractFunction1<scala.collection.Iterator<S>, scala.collection.Iterator<Indexed<T>>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Body<S, T> body;

        OnePerPartition(Body<S, T> body) {
            this.body = body;
        }

        @Override
        public scala.collection.Iterator<Indexed<T>> apply(scala.collection.Iterator<S> in) {
            return CollectionConverters.asScala(List.of(body.apply(CollectionConverters.asJava(in))).iterator());
        }
    }
}
