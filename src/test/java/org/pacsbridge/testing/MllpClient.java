package org.pacsbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** An MLLP client (plain or over TLS): frames a message (VT ... FS CR), sends it and reads the framed answer. */
public final class MllpClient implements AutoCloseable {

    private static final int START = 0x0b;
    private static final int END = 0x1c;
    private static final int CR = 0x0d;

    private final Socket socket;
    private final Charset charset;

    public MllpClient(String host, int port, Charset charset) throws IOException {
        this(new Socket(host, port), charset);
    }

    private MllpClient(Socket socket, Charset charset) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.charset = charset;
    }

    /** An MLLP client over TLS: the handshake is completed before this returns (it throws if it fails). */
    public static MllpClient overTls(String host, int port, Charset charset, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        try {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new MllpClient(socket, charset);
    }

    /** The TLS protocol in use, or null for a plain connection. */
    public String tlsProtocol() {
        return socket instanceof SSLSocket ssl ? ssl.getSession().getProtocol() : null;
    }

    /** Sends one framed message and returns the acknowledgement's text. */
    public String send(String message) throws IOException {
        sendRaw(frame(message.getBytes(charset)));
        return receive();
    }

    /** Writes bytes as they are (for framing faults). */
    public void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    public byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = START;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = END;
        framed[framed.length - 1] = CR;
        return framed;
    }

    /** Reads one framed answer. */
    public String receive() throws IOException {
        InputStream in = socket.getInputStream();
        int b;
        while ((b = in.read()) != START) {
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement");
            }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while ((b = in.read()) != END) {
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement");
            }
            payload.write(b);
        }
        in.read(); // the closing CR
        return payload.toString(charset);
    }

    public void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** MSA-1 of an acknowledgement. */
    public static String ackCode(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA")) {
                return segment.split("\\|", -1)[1];
            }
        }
        throw new AssertionError("no MSA segment in " + ack);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
