package objectstore.bench;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 log axis whose ticks fall on round values a reader can use: 1, 2 and 5 times a power of ten (0.5, 1, 2, 5,
 * 10, 20 ...), never the powers of ten's fractions that JFreeChart's own log axis prints (6,309.57). Where the range
 * spans many decades, only the powers of ten are labelled, so the labels never crowd.
 */
final class RoundLogAxis extends LogAxis {

    private static final double[] STEPS = {1, 2, 5};

    RoundLogAxis(String label) {
        super(label);
        setBase(10);
        setNumberFormatOverride(new DecimalFormat("#,##0.##"));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<ValueTick> ticks = new ArrayList<>();
        for (double value : values(getLowerBound(), getUpperBound())) {
            ticks.add(
                    new NumberTick(value, getNumberFormatOverride().format(value), anchor(edge), TextAnchor.CENTER, 0));
        }
        return ticks;
    }

    /** The round values within [lower, upper]: 1, 2 and 5 per decade when there are five decades or fewer. */
    static List<Double> values(double lower, double upper) {
        List<Double> values = new ArrayList<>();
        if (!(lower > 0) || !(upper > lower)) {
            return values;
        }
        boolean everyStep = Math.log10(upper / lower) <= 5;
        for (int exponent = (int) Math.floor(Math.log10(lower)); exponent <= Math.ceil(Math.log10(upper)); exponent++) {
            for (double step : everyStep ? STEPS : new double[] {1}) {
                double value = step * Math.pow(10, exponent);
                if (value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9)) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static TextAnchor anchor(RectangleEdge edge) {
        if (edge == RectangleEdge.TOP) {
            return TextAnchor.BOTTOM_CENTER;
        }
        if (edge == RectangleEdge.BOTTOM) {
            return TextAnchor.TOP_CENTER;
        }
        return edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
    }
}
