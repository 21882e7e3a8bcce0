package io.pipecat.cli.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 without replacement characters. Lenient decoding would turn bad bytes into
 * U+FFFD, and a later rewrite would then silently destroy them; reporting lets the user decide.
 */
final class StrictUtf8 {

    private StrictUtf8() {}

    /** Where decoding failed. */
    static final class InvalidUtf8Exception extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final long byteOffset;

        InvalidUtf8Exception(int line, long byteOffset) {
            super("invalid UTF-8 at line " + line + ", byte " + byteOffset);
            this.line = line;
            this.byteOffset = byteOffset;
        }
    }

    static String decode(byte[] bytes) throws InvalidUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidUtf8Exception(line, offset);
        }
        out.flip();
        return out.toString();
    }
}
