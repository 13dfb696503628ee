package dev.factortwo.harness.fault;

import dev.factortwo.harness.strategy.RoundHook;

/** A fault's hook that keeps what the strategy saw the fault do, words and counts, in the fault's record. */
abstract class RecordingHook implements RoundHook {

    private final FaultRecord record;

    RecordingHook(FaultRecord record) {
        this.record = record;
    }

    @Override
    public void record(String what) {
        record.say(what);
    }

    @Override
    public void count(String key, long n) {
        record.count(key, n);
    }
}
