package io.coinwatch.marketdata.indicator;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The output of one indicator over a {@link PriceSeries}: one column per output field, aligned with the series'
 * open times, defined from {@link #firstIndex()} on (TA-Lib's begIdx). Columns stay primitive; JSON-shaped rows are
 * built only for the rows a caller actually reads.
 */
public final class IndicatorValues {

    private final long[] openTime;
    private final int firstIndex;
    private final List<String> fields;
    private final double[][] columns;

    /**
     * @param openTime   the series' open times, shared, not copied
     * @param lookback   candles the indicator needs before its first value
     * @param fields     output field names, in the order of {@code columns}
     * @param columns    one array per field, as long as {@code openTime}, defined from index {@code lookback} on
     */
    IndicatorValues(long[] openTime, int lookback, List<String> fields, double[]... columns) {
        this.openTime = openTime;
        this.firstIndex = Math.min(lookback, openTime.length);
        this.fields = List.copyOf(fields);
        this.columns = columns;
    }

    public List<String> fields() {
        return fields;
    }

    /** Index in the series of the first defined value; equals the series size when there is none. */
    public int firstIndex() {
        return firstIndex;
    }

    /** Number of defined values. */
    public int size() {
        return openTime.length - firstIndex;
    }

    /** The defined values of one field, oldest first (a copy). */
    public double[] column(String field) {
        int index = fields.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("no field '" + field + "' in " + fields);
        }
        return Arrays.copyOfRange(columns[index], firstIndex, openTime.length);
    }

    /**
     * The defined rows with open time at or after {@code fromOpenTime}, ascending, each a map of "openTime" and the
     * field values, ready for JSON. The list is a view: a row's map is built when it is read.
     */
    public List<Map<String, Object>> rowsFrom(long fromOpenTime) {
        int insertion = Arrays.binarySearch(openTime, fromOpenTime);
        int fromIndex = Math.max(firstIndex, insertion >= 0 ? insertion : -insertion - 1);
        return new Rows(fromIndex);
    }

    private final class Rows extends AbstractList<Map<String, Object>> implements RandomAccess {

        private final int fromIndex;

        Rows(int fromIndex) {
            this.fromIndex = fromIndex;
        }

        @Override
        public Map<String, Object> get(int row) {
            if (row < 0 || row >= size()) {
                throw new IndexOutOfBoundsException("row " + row + " of " + size());
            }
            int index = fromIndex + row;
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("openTime", openTime[index]);
            for (int field = 0; field < columns.length; field++) {
                values.put(fields.get(field), columns[field][index]);
            }
            return values;
        }

        @Override
        public int size() {
            return openTime.length - fromIndex;
        }
    }
}
