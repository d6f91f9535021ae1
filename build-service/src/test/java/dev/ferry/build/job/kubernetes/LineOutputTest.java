package dev.ferry.build.job.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineOutputTest {

    private final List<String> lines = new ArrayList<>();
    private final LineOutput output = new LineOutput(lines::add);

    @Test
    void keepsACharacterWholeWhenItsBytesArriveInTwoChunks() {
        byte[] bytes = "déjà vu\r\nfin".getBytes(StandardCharsets.UTF_8);

        output.write(Arrays.copyOfRange(bytes, 0, 2), 0, 2);
        output.write(Arrays.copyOfRange(bytes, 2, bytes.length), 0, bytes.length - 2);
        output.close();

        assertThat(lines).containsExactly("déjà vu", "fin");
    }

    @Test
    void handsOnALineThatNeverEndsInPieces() {
        byte[] endless = "x".repeat(LineOutput.MAX_LINE * 2 + 10).getBytes(StandardCharsets.UTF_8);

        output.write(endless, 0, endless.length);

        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).hasSize(LineOutput.MAX_LINE));
    }
}
