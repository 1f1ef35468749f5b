package org.pacsbridge.xraydar;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report text as sent to X-Raydar-NLP, with what the node knows of how the model will read it.
 * The open-source NLP model (RoBERTa) reads at most {@value #MODEL_TOKEN_LIMIT} tokens and drops the
 * rest without a word; a report whose impression comes last would then be judged on its findings
 * section alone. When the text is probably too long, the impression section is moved to the front.
 *
 * @param text              the text to send
 * @param approximateTokens an estimate of the model's token count (see {@link #approximateTokens})
 * @param probablyTruncated the estimate is above the model's limit: the end of the text is likely unread
 * @param impressionFirst   the impression section was moved before the findings
 */
public record NlpReportText(String text, int approximateTokens, boolean probablyTruncated, boolean impressionFirst) {

    public static final int MODEL_TOKEN_LIMIT = 512;

    private static final Pattern PIECE = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
    private static final Pattern IMPRESSION = Pattern.compile(
            "(?im)^[ \\t]*(impression|impressions|conclusion|conclusions|opinion|summary)\\b[ \\t]*:?");
    /** Characters per sub-word token assumed for long words (byte-pair encodings split them). */
    private static final int CHARACTERS_PER_TOKEN = 6;
    /** The model's start and end tokens. */
    private static final int SPECIAL_TOKENS = 2;

    /** The text to send for {@code scrubbed}, the impression first when the whole would not be read. */
    public static NlpReportText of(String scrubbed) {
        int tokens = approximateTokens(scrubbed);
        if (tokens <= MODEL_TOKEN_LIMIT) {
            return new NlpReportText(scrubbed, tokens, false, false);
        }
        String reordered = impressionFirst(scrubbed);
        if (reordered == null) {
            return new NlpReportText(scrubbed, tokens, true, false);
        }
        return new NlpReportText(reordered, approximateTokens(reordered), true, true);
    }

    /**
     * An estimate of the token count of a byte-pair-encoding model: one token per punctuation mark,
     * one per word of up to {@value #CHARACTERS_PER_TOKEN} letters and one more per further
     * {@value #CHARACTERS_PER_TOKEN}, plus the start and end tokens. Good to about a fifth on English
     * report text: enough to flag reports near the limit, not to cut them exactly.
     */
    static int approximateTokens(String text) {
        int tokens = SPECIAL_TOKENS;
        Matcher piece = PIECE.matcher(text);
        while (piece.find()) {
            int length = piece.end() - piece.start();
            tokens += Math.max(1, (length + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN);
        }
        return tokens;
    }

    /** The text with its last impression section (to the end) moved to the front; null without one. */
    private static String impressionFirst(String text) {
        Matcher heading = IMPRESSION.matcher(text);
        int start = -1;
        while (heading.find()) {
            start = heading.start();
        }
        if (start <= 0) {
            return null;
        }
        return text.substring(start).strip() + "\n\n" + text.substring(0, start).strip();
    }
}
