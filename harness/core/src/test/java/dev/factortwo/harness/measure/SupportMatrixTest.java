package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.measure.SupportMatrix.Stack;
import dev.factortwo.harness.measure.SupportMatrix.Status;
import dev.factortwo.harness.measure.SupportMatrix.Verdict;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SupportMatrixTest {

    static Stack stack(int jdk, String spark, String hadoop) {
        return new Stack(jdk, jdk + ".0.1 (test)", spark, hadoop, "2.18.0", "4.33.5");
    }

    @Test
    void hadoopBefore35OnJdk24OrNewerIsBrokenWithTheFix() {
        for (int jdk : new int[] {24, 25}) {
            Verdict v = SupportMatrix.judge(stack(jdk, "4.1.0", "3.4.2"));
            assertEquals(Status.BROKEN, v.status(), v.detail());
            assertTrue(v.detail().contains("HADOOP-19212") && v.detail().contains("getSubject"), v.detail());
            assertTrue(v.fix().contains("Hadoop 3.5.0") && v.fix().contains("JDK 17"), v.fix());
        }
        assertEquals(Status.UNTESTED, SupportMatrix.judge(stack(17, "4.1.0", "3.4.2")).status(), "3.4 works on 17");
        assertEquals(Status.UNTESTED, SupportMatrix.judge(stack(23, "4.2.0", "3.4.2")).status(), "23 still has getSubject");
        assertEquals(Status.SUPPORTED, SupportMatrix.judge(stack(25, "4.2.0", "3.5.0")).status());
    }

    @Test
    void tooOldAJdkOrAnotherSparkIsBroken() {
        assertEquals(Status.BROKEN, SupportMatrix.judge(stack(11, "4.2.0", "3.5.0")).status());
        Verdict spark3 = SupportMatrix.judge(stack(17, "3.5.3", "3.3.4"));
        assertEquals(Status.BROKEN, spark3.status());
        assertTrue(spark3.fix().contains("Spark 4.2.0"), spark3.fix());
        assertEquals(Status.BROKEN, SupportMatrix.judge(stack(17, "unavailable", "unavailable")).status());
    }

    @Test
    void aJdkSparkDocumentsButNobodyMeasuredHereIsUntestedAndSaysSo() {
        Verdict v = SupportMatrix.judge(stack(21, "4.2.0", "3.5.0"));
        assertEquals(Status.UNTESTED, v.status());
        assertTrue(v.detail().contains("JDK 21 (Spark documents it)"), v.detail());
        Verdict protobuf3 = SupportMatrix.judge(new Stack(17, "17", "4.2.0", "3.5.0", "2.18.0", "3.x"));
        assertEquals(Status.UNTESTED, protobuf3.status());
        assertTrue(protobuf3.detail().contains("protobuf-java 3.x"), protobuf3.detail());
    }

    @Test
    void theMeasuredRowsAreWhatThisBuildPins() {
        Properties pins = Versions.builtWith();
        for (SupportMatrix.Measured m : SupportMatrix.MEASURED) {
            assertEquals(pins.getProperty("spark"), m.spark(), "bumped Spark in the pom: measure again, then update MEASURED");
            assertEquals(pins.getProperty("hadoop"), m.hadoop());
            assertEquals(pins.getProperty("protobuf"), m.protobuf());
        }
    }

    @Test
    void thisJvmRunsWhatThePomPins() {
        Properties pins = Versions.builtWith();
        assertEquals(pins.getProperty("spark"), Versions.spark());
        assertEquals(pins.getProperty("hadoop"), Versions.hadoop());
        assertEquals(pins.getProperty("protobuf"), Versions.protobuf());
        int jdk = Runtime.version().feature();
        Status expected = jdk == 17 || jdk == 25 ? Status.SUPPORTED : Status.UNTESTED;
        assertEquals(expected, SupportMatrix.judge(Stack.current()).status(), Stack.current().describe());
    }

    @Test
    void versionsCompareByMajorAndMinor() {
        assertTrue(SupportMatrix.olderThan("3.4.2", 3, 5));
        assertTrue(SupportMatrix.olderThan("2.10.1", 3, 5));
        assertTrue(!SupportMatrix.olderThan("3.5.0", 3, 5));
        assertTrue(!SupportMatrix.olderThan("3.10.0-SNAPSHOT", 3, 5));
        assertTrue(!SupportMatrix.olderThan("unavailable", 3, 5));
    }
}
