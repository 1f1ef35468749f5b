package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ZipTailStreamTest {

    @Test
    void keepsTheLastBytesWhateverTheReadSizes() throws IOException {
        byte[] data = new byte[200_001];
        Random random = new Random(42);
        random.nextBytes(data);
        ZipTailStream in = new ZipTailStream(new ByteArrayInputStream(data));
        byte[] buffer = new byte[100_000];
        while (true) {
            int size = random.nextInt(4) == 0 ? 1 : random.nextInt(buffer.length) + 1;
            int n = size == 1 ? single(in, buffer) : in.read(buffer, 0, size);
            if (n < 0) {
                break;
            }
        }
        assertEquals(data.length, in.count());
        assertArrayEquals(Arrays.copyOfRange(data, data.length - ZipTailStream.TAIL_SIZE, data.length), in.tail());
    }

    @Test
    void aShortStreamIsKeptWhole() throws IOException {
        byte[] data = {1, 2, 3, 4, 5};
        ZipTailStream in = new ZipTailStream(new ByteArrayInputStream(data));
        assertEquals(5, in.readAllBytes().length);
        assertArrayEquals(data, in.tail());
    }

    private static int single(ZipTailStream in, byte[] buffer) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer[0] = (byte) b;
        return 1;
    }
}
