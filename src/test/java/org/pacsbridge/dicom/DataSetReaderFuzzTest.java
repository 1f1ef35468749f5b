package org.pacsbridge.dicom;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/**
 * The readers of received DICOM bytes fed arbitrary input: a Part 10 file read the way a spooled
 * C-STORE object is read back ({@link Part10Reader} then {@link DataSetReader} in the file's transfer
 * syntax), and a bare data set in a transfer syntax picked by the first input byte.
 *
 * <p>The only failure allowed is {@link DicomFormatException}: the input is in memory, so no other
 * {@link IOException} can be the stream's fault.
 */
@Tag("fuzz")
class DataSetReaderFuzzTest {

    private static final TransferSyntax[] SYNTAXES = {
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
        TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
    };

    @FuzzTest
    @Timeout(10)
    void part10File(byte[] file) throws IOException {
        try (InputStream in = new BufferedInputStream(new ByteArrayInputStream(file), 16 * 1024)) {
            FileMeta meta = Part10Reader.readFileMeta(in);
            assertNotNull(meta.transferSyntaxUid(), "transfer syntax");
            RoutingAttributes attributes = DataSetReader.read(in, TransferSyntax.ofAssumingEncapsulated(meta.transferSyntaxUid()));
            assertNotNull(attributes.toString());
        } catch (DicomFormatException expected) {
            // malformed input, reported as such
        }
    }

    @FuzzTest
    @Timeout(10)
    void dataSet(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        TransferSyntax ts = SYNTAXES[(input[0] & 0xff) % SYNTAXES.length];
        try {
            RoutingAttributes attributes = DataSetReader.read(new ByteArrayInputStream(Arrays.copyOfRange(input, 1, input.length)), ts);
            assertNotNull(attributes.imageType());
        } catch (DicomFormatException expected) {
            // malformed input, reported as such
        }
    }
}
