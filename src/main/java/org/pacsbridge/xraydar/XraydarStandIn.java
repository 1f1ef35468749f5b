package org.pacsbridge.xraydar;

/**
 * A service that answers in X-Raydar's place (the demo's simulator): when one runs, the clients call
 * it instead of the configured URLs, and every finding made through it is marked as not model output.
 */
public interface XraydarStandIn {

    /** The algorithms' paths, on a stand-in as on X-Raydar itself. */
    String CV_PATH = "/api/cv";
    String NLP_PATH = "/api/nlp";

    /** Where it listens, e.g. {@code http://127.0.0.1:8089}; the algorithms' paths follow. */
    String baseUrl();
}
