package io.coinwatch.marketdata;

/**
 * Plain non-negative decimals as text ("123.4500", PostgreSQL's numeric output), checked and compared exactly where
 * they lie in a byte array, without making numbers of them: the legacy import's fast path.
 */
final class DecimalText {

    private DecimalText() {
    }

    /** Digits with at most one point, at least one digit: no sign, exponent, NaN, Infinity or NULL (\N). */
    static boolean plain(byte[] text, int from, int to) {
        boolean point = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            byte b = text[i];
            if (b >= '0' && b <= '9') {
                digit = true;
            } else if (b == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /** Compares two {@link #plain} decimals by value, like BigDecimal.compareTo: "1.50" equals "1.5". */
    static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        int aPoint = point(a, aFrom, aTo);
        int bPoint = point(b, bFrom, bTo);
        while (aFrom < aPoint && a[aFrom] == '0') {
            aFrom++;
        }
        while (bFrom < bPoint && b[bFrom] == '0') {
            bFrom++;
        }
        int aDigits = aPoint - aFrom;
        int bDigits = bPoint - bFrom;
        if (aDigits != bDigits) {
            return aDigits < bDigits ? -1 : 1;
        }
        for (int i = 0; i < aDigits; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return a[aFrom + i] < b[bFrom + i] ? -1 : 1;
            }
        }
        int i = aPoint + 1;
        int j = bPoint + 1;
        while (i < aTo || j < bTo) {
            byte x = i < aTo ? a[i++] : (byte) '0';
            byte y = j < bTo ? b[j++] : (byte) '0';
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    private static int point(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '.') {
                return i;
            }
        }
        return to;
    }
}
