package org.esa.iss.adapter.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.esa.iss.domain.Units;
import org.esa.iss.ports.contract.GroundControlContract;
import org.esa.iss.ports.out.GroundControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** Both ground controls keep the ports' promises: the simulator in process, and the HTTP client against it. */
class GroundControlContractTest {
    private static final long T0 = 1_714_032_708;
    private static final IssSimulator SIMULATOR = new IssSimulator(RealIssRecords.ISS_2024_04_25,
            Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC));

    @Nested
    class Simulated extends GroundControlContract {
        @Override
        protected GroundControl groundControl() {
            return new SimulatedGroundControl(SIMULATOR, Units.KILOMETERS);
        }

        @Override
        protected long now() {
            return T0;
        }
    }

    @Nested
    class OverHttp extends GroundControlContract {
        private SimulatorServer server;

        @Override
        protected GroundControl groundControl() throws IOException {
            server = SimulatorServer.start(SIMULATOR, 0, SimulatorFaults.none());
            return new WhereTheIssAtGroundControl(WhereTheIssAtOptions.defaults().withBaseUrl(server.baseUri()));
        }

        @Override
        protected long now() {
            return T0;
        }

        @AfterEach
        void stopServer() {
            if (server != null) {
                server.close();
            }
        }
    }
}
