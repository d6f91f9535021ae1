package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TxSnapshotTest {

    @Test
    void seesTransactionsThatEndedBeforeItAndNoneRunningOrLater() {
        TxSnapshot snapshot = TxSnapshot.parse("100:105:101,103");

        assertThat(snapshot.sees(99)).isTrue();
        assertThat(snapshot.sees(102)).isTrue();
        assertThat(snapshot.sees(104)).isTrue();
        assertThat(snapshot.sees(101)).as("running when it was taken").isFalse();
        assertThat(snapshot.sees(103)).isFalse();
        assertThat(snapshot.sees(105)).as("started after it").isFalse();
        assertThat(snapshot.sees(4000)).isFalse();
    }

    @Test
    void comparesTheLogs32BitIdsAcrossAnEpoch() {
        long epoch = 1L << 32;
        TxSnapshot snapshot = TxSnapshot.parse((epoch + 10) + ":" + (epoch + 20) + ":" + (epoch + 15));

        assertThat(snapshot.sees(12)).isTrue();
        assertThat(snapshot.sees(15)).isFalse();
        assertThat(snapshot.sees(25)).isFalse();
        assertThat(TxSnapshot.parse("4294967290:5:").sees(4294967295L))
                .as("before the wrap")
                .isTrue();
    }
}
