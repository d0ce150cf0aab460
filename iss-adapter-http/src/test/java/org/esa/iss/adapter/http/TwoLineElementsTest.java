package org.esa.iss.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoLineElementsTest {
    private static final TwoLineElements ISS = RealIssRecords.ISS_2024_04_25;

    @Test
    void realIssElementSetHasValidChecksumsAndItsFieldsParse() {
        assertThat(TwoLineElements.checksum(ISS.line1())).isEqualTo(6);
        assertThat(TwoLineElements.checksum(ISS.line2())).isEqualTo(3);
        assertThat(ISS.catalogNumber()).isEqualTo(25544);
        assertThat(ISS.epoch()).isEqualTo(Instant.parse("2024-04-25T18:22:37.252416Z"));
        assertThat(ISS.bstar()).isCloseTo(0.0010654, within(1e-15));
        assertThat(ISS.inclinationDeg()).isEqualTo(51.6396);
        assertThat(ISS.raanDeg()).isEqualTo(215.3361);
        assertThat(ISS.eccentricity()).isEqualTo(0.0004566);
        assertThat(ISS.argumentOfPerigeeDeg()).isEqualTo(95.7745);
        assertThat(ISS.meanAnomalyDeg()).isEqualTo(7.6568);
        assertThat(ISS.meanMotionRevPerDay()).isEqualTo(15.50926567);
    }

    @Test
    void dragTermInAssumedDecimalFormParses() {
        TwoLineElements tle = new TwoLineElements("", "1 11801U          80230.29629788  .01431103  00000-0  14311-1 0    13",
                "2 11801  46.7916 230.4354 7318036  47.4722  10.4117  2.28537848    13");
        assertThat(tle.bstar()).isCloseTo(0.014311, within(1e-15));
        assertThat(tle.epoch()).isBetween(Instant.parse("1980-08-17T00:00:00Z"), Instant.parse("1980-08-18T00:00:00Z"));
    }

    @Test
    void aCorruptedDigitFailsTheChecksumWithAClearMessage() {
        String edited = ISS.line2().replace("51.6396", "51.6397");
        assertThatThrownBy(() -> new TwoLineElements("ISS", ISS.line1(), edited))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 fails its checksum")
                .hasMessageContaining("column 69 says '3'");
    }

    @Test
    void truncatedOrMismatchedLinesAreRefused() {
        assertThatThrownBy(() -> new TwoLineElements("", ISS.line1().substring(0, 60), ISS.line2()))
                .hasMessageContaining("69 columns");
        assertThatThrownBy(() -> new TwoLineElements("", ISS.line2(), ISS.line1()))
                .hasMessageContaining("must start with '1 '");
        assertThatThrownBy(() -> TwoLineElements.parse("just one line")).hasMessageContaining("found 1");
    }

    @Test
    void filesWithOrWithoutATitleAndWithCrlfLoad(@TempDir Path dir) throws Exception {
        Path withTitle = dir.resolve("iss.tle");
        Files.writeString(withTitle, "ISS (ZARYA)\r\n" + ISS.line1() + "\r\n" + ISS.line2() + "\r\n");
        assertThat(TwoLineElements.load(withTitle)).isEqualTo(ISS);
        Path bare = dir.resolve("bare.tle");
        Files.writeString(bare, ISS.line1() + "\n" + ISS.line2() + "\n");
        assertThat(TwoLineElements.load(bare).name()).isEmpty();
    }

    @Test
    void aByteOrderMarkIsDroppedAndAFileOfSeveralSetsIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path marked = dir.resolve("marked.tle");
        Files.writeString(marked, "\ufeffISS (ZARYA)\n" + ISS.line1() + "\n" + ISS.line2() + "\n", StandardCharsets.UTF_8);
        assertThat(TwoLineElements.load(marked)).isEqualTo(ISS);

        Path group = dir.resolve("stations.txt");
        String set = "ISS (ZARYA)\n" + ISS.line1() + "\n" + ISS.line2() + "\n";
        Files.writeString(group, set + set);
        assertThatThrownBy(() -> TwoLineElements.load(group)).hasMessageStartingWith("TLE file " + group + ": ")
                .hasMessageContaining("found 6").hasMessageContaining("keep the lines of one satellite");

        Path accented = dir.resolve("accented.tle");
        Files.writeString(accented, "\u00c5NGSTR\u00d6M\n" + ISS.line1() + "\n" + ISS.line2() + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TwoLineElements.load(accented)).hasMessage("TLE file " + accented
                + " is not ASCII text, as element sets are (is it a TLE? a title with accents?)");
    }

    @Test
    void bundledElementSetIsTheRealIssSetOfApril2024() {
        assertThat(TwoLineElements.bundledIss()).isEqualTo(ISS);
    }
}
