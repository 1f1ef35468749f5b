package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three parts of a dicom: path; a missing or invalid one is refused, saying which. */
class DicomAddressTest {

    private CamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void thePartsAreTheEndpointsPathOptions() {
        DicomEndpoint endpoint = camel.getEndpoint("dicom:PACS@pacs.example.org:104", DicomEndpoint.class);
        assertEquals("PACS", endpoint.getAeTitle());
        assertEquals("pacs.example.org", endpoint.getHost());
        assertEquals(104, endpoint.getPort());
        DicomEndpoint v6 = camel.getEndpoint("dicom://A@[fe80::1]:11112", DicomEndpoint.class);
        assertEquals("fe80::1", v6.getHost());
        assertEquals("A@[fe80::1]:11112", v6.getAddress().toString());
        // an AE title may hold '@' and spaces inside (PS3.5 AE VR); the last '@' separates the host
        assertEquals("A@B C", camel.getEndpoint("dicom:A@B C@h:1", DicomEndpoint.class).getAeTitle());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dicom:pacs.example.org:104           | '@' between AE title and host is missing",
            "dicom:@pacs.example.org:104          | AE title is missing",
            "dicom:ABCDEFGHIJKLMNOPQ@h:104        | AE title must be 1 to 16",
            "dicom:A\\B@h:104                     | AE title must be 1 to 16",
            "dicom:PACS@:104                      | host is missing",
            "dicom:PACS@pacs.example.org          | port is missing",
            "dicom:PACS@pacs.example.org:         | port is missing",
            "dicom:PACS@[::1]                     | port is missing",
            "dicom:PACS@pacs.example.org:1o4      | port is not a number: '1o4'",
            "dicom:PACS@pacs.example.org:65536    | port must be 0 to 65535, not 65536",
            "dicom:PACS@pacs.example.org:-1       | port must be 0 to 65535, not -1" })
    void aMissingOrInvalidPartIsNamed(String uri, String expected) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.getEndpoint(uri.strip()));
        Throwable cause = e.getCause();
        assertTrue(cause instanceof IllegalArgumentException, String.valueOf(cause));
        assertTrue(cause.getMessage().contains(expected.strip()), cause.getMessage());
    }

    @Test
    void controlCharactersAreNotEchoedIntoTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomAddress.parse("AB\u001b[2JC@h:1\n04"));
        assertTrue(e.getMessage().contains("'1?04'"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
    }
}
