package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    @Test
    void ordersPositionsAcrossFilesByTheFileNumberFirst() {
        var late = new BinlogPosition("binlog.000002", 4);
        var early = new BinlogPosition("/var/lib/mysql/binlog.000001", 900_000_000);

        assertThat(late.ordinal()).isGreaterThan(early.ordinal());
        assertThat(new BinlogPosition("binlog.000002", 5).ordinal()).isGreaterThan(late.ordinal());
    }

    @Test
    void printsTheFileWithoutItsFolder() {
        assertThat(new BinlogPosition("/var/lib/mysql/binlog.000003", 1234)).hasToString("binlog.000003:1234");
    }

    @Test
    void refusesWhatIsNotABinlogFile() {
        assertThatThrownBy(() -> new BinlogPosition("binlog", 4)).hasMessageContaining("not a binlog file name");
    }
}
