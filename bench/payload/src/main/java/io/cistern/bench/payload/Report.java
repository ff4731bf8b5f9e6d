package io.cistern.bench.payload;

import java.util.ArrayList;
import java.util.List;

/** The table the run ends with: each figure against its peer, then the notes needed to read it. */
final class Report {
    /**
     * One line: the medians of our runs and the peer's, their spreads, and the target where the issue set
     * one (null when it did not).
     */
    record Figure(String name, double ours, String oursSpread, String peerName, double peer, String peerSpread,
            String ratioName, Double target) {
        static Figure of(String name, Runs ours, String peerName, Runs peer, String ratioName, Double target) {
            return new Figure(name, ours.median(), ours.spread(), peerName, peer.median(), peer.spread(), ratioName, target);
        }

        double ratio() {
            return ours / peer;
        }

        String targetText() {
            if (target == null) {
                return "";
            }
            return String.format(">= %.2f %s", target, ratio() >= target ? "met" : "MISSED");
        }
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Figure figure) {
        figures.add(figure);
    }

    void note(String note) {
        notes.add(note);
    }

    void print(String heading) {
        int nameWidth = Math.max("figure".length(), figures.stream().mapToInt(f -> f.name().length()).max().orElse(0));
        int peerWidth = Math.max("peer".length(), figures.stream().mapToInt(f -> f.peerName().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %9s  %-" + peerWidth + "s  %9s  %-15s  %s%n";
        System.out.println();
        System.out.println(heading);
        System.out.printf(row, "figure", "ours MB/s", "peer", "peer MB/s", "ratio", "target");
        for (Figure figure : figures) {
            System.out.printf(row, figure.name(), String.format("%.0f", figure.ours()), figure.peerName(),
                    String.format("%.0f", figure.peer()),
                    String.format("%.2f %s", figure.ratio(), figure.ratioName()), figure.targetText());
        }
        System.out.println("runs, slowest-fastest MB/s:");
        for (Figure figure : figures) {
            System.out.printf("  %-" + nameWidth + "s  ours %s, peer %s%n", figure.name(), figure.oursSpread(), figure.peerSpread());
        }
        for (String note : notes) {
            System.out.println("* " + note);
        }
    }
}
