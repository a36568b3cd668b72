package dev.presso.host.internal.report.html;

import java.util.Locale;

/** The page's colours: one per variant, and a sequential ramp (viridis) for heatmaps. */
final class Palette {
    private static final String[] CATEGORICAL = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int[] VIRIDIS = {
        0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};
    /** The baseline's colour, apart from the variants'. */
    static final String BASELINE = "#333333";

    private Palette() {}

    /** The colour of a variant by its place in {@code RunReport.allVariants()}: 0 is the baseline. */
    static String variant(int position) {
        return position == 0 ? BASELINE : series(position - 1);
    }

    /** The colour of the {@code index}-th series; colours repeat after ten. */
    static String series(int index) {
        return CATEGORICAL[Math.floorMod(index, CATEGORICAL.length)];
    }

    /** The ramp's colour at {@code t} in [0, 1] (clamped), from dark purple to yellow. */
    static String ramp(double t) {
        return hex(rampRgb(t));
    }

    /** Black or white, whichever reads better on the ramp's colour at {@code t}. */
    static String textOnRamp(double t) {
        int rgb = rampRgb(t);
        double luminance = 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
        return luminance > 140 ? "#000000" : "#ffffff";
    }

    private static int rampRgb(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.clamp(t, 0.0, 1.0);
        double position = clamped * (VIRIDIS.length - 1);
        int index = Math.min((int) position, VIRIDIS.length - 2);
        double fraction = position - index;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = VIRIDIS[index] >> shift & 0xff;
            int b = VIRIDIS[index + 1] >> shift & 0xff;
            rgb |= (int) Math.round(a + (b - a) * fraction) << shift;
        }
        return rgb;
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }
}
