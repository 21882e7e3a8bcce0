package io.pipecat.cli.auth.account;

/** The tables of labelled values whoami and status print ("User:     dev@example.com"). */
public final class LabelledRows {
    private LabelledRows() {}

    /**
     * One line, written with one write (printf would pad a character at a time, each one a write
     * to stdout, and load java.util.Formatter on a cold JVM).
     *
     * @param valueColumn where the value starts: the label and its colon are padded to it
     */
    public static String row(String label, String value, int valueColumn) {
        String cell = label + ":";
        return cell + " ".repeat(Math.max(0, valueColumn - cell.length())) + value;
    }
}
