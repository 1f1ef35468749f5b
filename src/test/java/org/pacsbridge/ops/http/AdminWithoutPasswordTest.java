package org.pacsbridge.ops.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pacsbridge.testing.AdminCredentials;
import org.pacsbridge.testing.ProductionProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The production profile with no admin password set (the findings view is behind the log-in there): the admin
 * endpoints and the view refuse everyone; health stays open.
 */
@Tag("quarkus")
@QuarkusTest
@TestProfile(ProductionProfile.class)
class AdminWithoutPasswordTest {

    @Test
    void adminEndpointsAreClosedNotOpen() {
        given().post("/admin/deadletters/replay").then().statusCode(403).body(containsString("PACS_ADMIN_PASSWORD"));
        given().get("/admin/tcia/sync").then().statusCode(403);
        given().get("/findings/api/studies").then().statusCode(403);
        // not even the %test password opens them: there is none
        given().auth().preemptive().basic(AdminCredentials.USER, AdminCredentials.PASSWORD)
                .get("/admin/tcia/sync").then().statusCode(403);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
