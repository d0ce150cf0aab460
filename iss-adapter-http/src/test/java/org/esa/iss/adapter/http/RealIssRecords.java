package org.esa.iss.adapter.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test data: three records returned by api.wheretheiss.at on 2024-04-25 (shared/data/api-sample-2024-04-25.jsonl),
 * and a real element set from the day they were recorded.
 */
final class RealIssRecords {
    /**
     * CelesTrak element set for the ISS, epoch 24116.76570894 (2024-04-25 18:22:37 UTC, about 10 h after
     * the records), as quoted in the iausathub/satchecker repository (tests/test_full_api.py and
     * docs/source/tools.rst). Both checksums are verified by {@link TwoLineElements} on construction.
     */
    static final TwoLineElements ISS_2024_04_25 = new TwoLineElements("ISS (ZARYA)",
            "1 25544U 98067A   24116.76570894  .00062894  00000+0  10654-2 0  9996",
            "2 25544  51.6396 215.3361 0004566  95.7745   7.6568 15.50926567450413");

    static final List<String> LINES = List.of(
            "{\"name\": \"iss\", \"id\": 25544, \"latitude\": -48.947826322504, \"longitude\": 125.29514904266, \"altitude\": 433.83561822897, \"velocity\": 27538.217323796, \"visibility\": \"daylight\", \"footprint\": 4577.1935346024, \"timestamp\": 1714032708, \"daynum\": 2460425.8415278, \"solar_lat\": 13.394772525764, \"solar_lon\": 56.529414593886, \"units\": \"kilometers\"}",
            "{\"name\": \"iss\", \"id\": 25544, \"latitude\": -48.969416507533, \"longitude\": 125.38312401158, \"altitude\": 433.84568019422, \"velocity\": 27538.194159784, \"visibility\": \"daylight\", \"footprint\": 4577.2437734697, \"timestamp\": 1714032709, \"daynum\": 2460425.8415394, \"solar_lat\": 13.394776271319, \"solar_lon\": 56.525247467118, \"units\": \"kilometers\"}",
            "{\"name\": \"iss\", \"id\": 25544, \"latitude\": -49.012376588641, \"longitude\": 125.55931500715, \"altitude\": 433.86570018068, \"velocity\": 27538.148067913, \"visibility\": \"daylight\", \"footprint\": 4577.3437302068, \"timestamp\": 1714032711, \"daynum\": 2460425.8415625, \"solar_lat\": 13.394783762579, \"solar_lon\": 56.516913045926, \"units\": \"kilometers\"}");

    private RealIssRecords() {
    }

    static byte[] bytes(int index) {
        return LINES.get(index).getBytes(StandardCharsets.UTF_8);
    }
}
