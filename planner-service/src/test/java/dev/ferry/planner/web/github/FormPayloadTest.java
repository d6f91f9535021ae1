package dev.ferry.planner.web.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormPayloadTest {

    @Test
    void decodesThePayloadField() {
        String json = "{\"action\":\"archived\",\"repository\":{\"full_name\":\"fitsync/fitsync-monorepo\"},\"é\":1}";
        byte[] form =
                ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);

        assertThat(FormPayload.extract(form)).hasValue(json);
    }

    @Test
    void findsThePayloadAmongOtherFields() {
        byte[] form = "other=1&payload=%7B%7D".getBytes(StandardCharsets.US_ASCII);

        assertThat(FormPayload.extract(form)).hasValue("{}");
    }

    @Test
    void isEmptyWithoutThePayloadField() {
        assertThat(FormPayload.extract("data=%7B%7D".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void namesBrokenUrlEncoding() {
        assertThatThrownBy(() -> FormPayload.extract("payload=%7".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("form field payload is not valid URL encoding");
    }
}
