package org.pacsbridge.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The %test profile's admin user and password (config/application.properties) for the /admin/* endpoints. */
public final class AdminCredentials {
    public static final String USER = "admin";
    public static final String PASSWORD = "test-admin-password";

    private AdminCredentials() {
    }

    /** A REST Assured request that sends the admin credentials. */
    public static RequestSpecification asAdmin() {
        return RestAssured.given().auth().preemptive().basic(USER, PASSWORD);
    }
}
