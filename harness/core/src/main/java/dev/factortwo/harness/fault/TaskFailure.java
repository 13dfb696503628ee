package dev.factortwo.harness.fault;

import dev.factortwo.harness.task.InjectedTaskFailure;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.TaskSideFault;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Optional;

/** A task throws once, after its work, in the chosen round; Spark retries it. */
public final class TaskFailure implements FaultKind {

    /**
     * What acts inside the tasks: partition 0's first attempt in round {@code round} throws
     * {@link InjectedTaskFailure}. A resubmitted stage (Spark reruns a whole barrier stage when one of its tasks fails)
     * starts its tasks at attempt 0 again, so it strikes in the stage's first attempt only.
     *
     * @param round the round (epoch) to fail in
     */
    public record Strike(int round) implements TaskSideFault {

        private static final long serialVersionUID = 1L;

        @Override
        public void strike(ModelJob job, int partition, int taskAttempt, int stageAttempt) {
            if (job.epoch() == round && partition == 0 && taskAttempt == 0 && stageAttempt == 0) {
                throw new InjectedTaskFailure(partition, round);
            }
        }
    }

    @Override
    public String name() {
        return "task-failure";
    }

    @Override
    public Optional<String> notApplicable(FaultTarget t) {
        String master = t.sc().master();
        if (master.matches("local\\[\\d+\\]") || "local".equals(master)) {
            return Optional.of("master " + master + " gives a task one attempt; use local[N,F] or a cluster");
        }
        return Optional.empty();
    }

    @Override
    public ModelJob prepare(ModelJob job, int atRound) {
        return job.withTaskFault(new Strike(atRound));
    }

    @Override
    public RoundHook hook(FaultTarget target, int atRound, FaultRecord record) {
        return new RecordingHook(record) {
            @Override
            public void beforeRound(int round, int rounds, dev.factortwo.harness.state.Execution ex) {
                if (round == atRound) record.say("partition 0's first attempt in round " + round + " throws after its work");
            }
        };
    }

    @Override
    public Optional<String> missed(FaultRecord r) {
        return r.get(FaultRecord.FAILED_TASK_ATTEMPTS) > 0 ? Optional.empty()
                : Optional.of("no task attempt failed (the planted failure never ran)"
                        + (r.get(FaultRecord.RESTARTS) > 0 ? "; the run failed for another reason" : ""));
    }
}
