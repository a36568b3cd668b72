package dev.presso.host.internal.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Places point labels so that they overlap neither each other nor other points where it can: each
 * label tries a few spots around its point, nearest first, and takes the first one that is free
 * and inside the plot area. Widths are estimated from the character count, as there is no font
 * metric at render time. Not thread-safe.
 */
final class LabelPlacer {
    private static final double CHAR_WIDTH = 6.8;
    private static final double ASCENT = 11;
    private static final double DESCENT = 4;
    private static final double GAP = 8;
    private static final double[] RISES = {-7, 16, -23, 32, -39, 48};

    private final ChartFrame frame;
    private final List<Box> taken = new ArrayList<>();

    /**
     * Where a label goes.
     *
     * @param x the text's anchor
     * @param y the text's baseline
     * @param anchor {@code start} or {@code end}
     */
    record Spot(double x, double y, String anchor) {}

    private record Box(double left, double top, double right, double bottom) {
        boolean overlaps(Box other) {
            return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
        }
    }

    /** Places labels inside a frame's plot area, avoiding the points given. */
    LabelPlacer(ChartFrame frame, List<double[]> points, double radius) {
        this.frame = frame;
        for (double[] point : points) {
            taken.add(new Box(point[0] - radius, point[1] - radius, point[0] + radius, point[1] + radius));
        }
    }

    /** Finds a spot for a label of a point and reserves it. */
    Spot place(String label, double x, double y) {
        double width = label.length() * CHAR_WIDTH;
        boolean preferLeft = x > (frame.left() + frame.right()) / 2;
        Spot fallback = spot(x, y, RISES[0], preferLeft);
        for (double rise : RISES) {
            for (boolean left : new boolean[] {preferLeft, !preferLeft}) {
                Spot spot = spot(x, y, rise, left);
                Box box = box(spot, width);
                if (inside(box) && taken.stream().noneMatch(box::overlaps)) {
                    taken.add(box);
                    return spot;
                }
            }
        }
        taken.add(box(fallback, width));
        return fallback;
    }

    private static Spot spot(double x, double y, double rise, boolean left) {
        return left ? new Spot(x - GAP, y + rise, "end") : new Spot(x + GAP, y + rise, "start");
    }

    private static Box box(Spot spot, double width) {
        double left = spot.anchor().equals("end") ? spot.x() - width : spot.x();
        return new Box(left, spot.y() - ASCENT, left + width, spot.y() + DESCENT);
    }

    private boolean inside(Box box) {
        return box.left >= frame.left() && box.right <= frame.right() && box.top >= frame.top()
                && box.bottom <= frame.bottom();
    }
}
