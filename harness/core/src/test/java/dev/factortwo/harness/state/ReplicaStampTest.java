package dev.factortwo.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.task.Placement;
import dev.factortwo.harness.task.WorkerLocal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A replica is trained on only when it belongs to the driver's last synchronisation; anything else is discarded. */
class ReplicaStampTest {

    private static final String RUN = "local:stamp-test:";
    private static final String REPLICA = RUN + "model:1";

    @AfterEach
    void clear() {
        WorkerLocal.clear(RUN);
    }

    /** A replica that ran stage {@code stage} to the end in executor {@code me}, with a value beside it. */
    private static void held(int stage, String me) {
        LocalState.Replicas.admit(REPLICA, stage, null, me);
        WorkerLocal.putValue(REPLICA + ":local-sgd:steps", 7);
        LocalState.Replicas.synced(REPLICA, stage, me);
    }

    @Test
    void theReplicaOfTheLastSynchronisationHereIsKept() {
        held(3, "1");
        assertFalse(LocalState.Replicas.admit(REPLICA, 4, "1", "1"));
        assertEquals(7, WorkerLocal.value(REPLICA + ":local-sgd:steps", Integer.class));
    }

    @Test
    void aRetryOfTheSameStageFindsItsReplicaAsTheEarlierAttemptLeftIt() {
        LocalState.Replicas.admit(REPLICA, 4, "1", "1");
        WorkerLocal.putValue(REPLICA + ":local-sgd:steps", 9);
        assertFalse(LocalState.Replicas.admit(REPLICA, 4, "1", "1"), "the strategy counts the steps run again");
        assertEquals(9, WorkerLocal.value(REPLICA + ":local-sgd:steps", Integer.class));
    }

    @Test
    void aReplicaLeftBehindByAnEarlierRoundIsDiscarded() {
        held(1, "1");
        assertTrue(LocalState.Replicas.admit(REPLICA, 4, "2", "1"), "stages 2 and 3 ran in executor 2");
        assertNull(WorkerLocal.value(REPLICA + ":local-sgd:steps", Integer.class));
    }

    @Test
    void aReplicaWhoseResultTheDriverDidNotKeepIsDiscarded() {
        held(3, "1");
        assertTrue(LocalState.Replicas.admit(REPLICA, 4, "2", "1"), "the driver kept executor 2's result of stage 3");
    }

    @Test
    void aStageThatFailedHereIsNotASynchronisation() {
        LocalState.Replicas.admit(REPLICA, 3, "1", "1"); // never synced: the attempt failed, a retry ran elsewhere
        assertTrue(LocalState.Replicas.admit(REPLICA, 4, "1", "1"));
    }

    @Test
    void anotherPartitionsReplicaIsUntouched() {
        WorkerLocal.putValue(RUN + "model:10:local-sgd:steps", 5);
        held(1, "1");
        LocalState.Replicas.admit(REPLICA, 4, "2", "1");
        assertEquals(5, WorkerLocal.value(RUN + "model:10:local-sgd:steps", Integer.class), "model:1 is not a prefix of model:10's entries");
    }

    @Test
    void placementsOfOneRoundAddUp() {
        Placement a = new Placement(Map.of("0", 1, "1", 1), Map.of("PROCESS_LOCAL", 2), List.of(), 0, 0, 12);
        Placement b = new Placement(Map.of("1", 2), Map.of("NODE_LOCAL", 1, "PROCESS_LOCAL", 1), List.of("0:0->1"), 471, 1, 1030);
        Placement sum = a.plus(b);
        assertEquals("0=1 1=3", Placement.counts(sum.tasksByExecutor()));
        assertEquals("NODE_LOCAL=1 PROCESS_LOCAL=3", Placement.counts(sum.tasksByLocality()));
        assertEquals(1, sum.moved());
        assertEquals(471, sum.movedBytes());
        assertEquals(1, sum.staleDiscarded());
        assertEquals(1042, sum.launchWaitMillis(), "the stages' launch waits add up");
        assertTrue(Placement.NONE.empty());
        assertEquals("executor_10.0.0.7_3", LocalState.location("10.0.0.7", "3"));
    }
}
