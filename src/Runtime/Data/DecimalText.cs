using System;
using System.Globalization;

namespace LogRegGen;

/// <summary>
/// Parses the plain decimal numbers of data files (<c>-12.5</c>, <c>0.006399</c>, <c>1.2e-3</c>) to the
/// same float or double the runtime's parser gives, faster: when the digits form an integer that the
/// type holds exactly and the power of ten is exact too (Clinger's fast path: at most 2^24 and
/// 10^±10 for float, 2^53 and 10^±22 for double), one correctly rounded multiplication or division
/// is the correctly rounded value. Anything else — more digits, larger exponents, hexadecimal, infinity,
/// NaN, thousands separators — goes to <see cref="float.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out float)"/>.
/// </summary>
internal static class DecimalText
{
    private static readonly float[] s_floatPowers = { 1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f };

    private static readonly double[] s_doublePowers =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /// <summary>Parses as <c>float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)</c> would.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out float value)
    {
        if ((TryScanPlain(text, out ulong mantissa, out int exponent, out bool negative) || TryDecompose(text, out mantissa, out exponent, out negative))
            && mantissa <= (1UL << 24) && exponent is >= -10 and <= 10)
        {
            float magnitude = exponent >= 0 ? mantissa * s_floatPowers[exponent] : mantissa / s_floatPowers[-exponent];
            value = negative ? -magnitude : magnitude;
            return true;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses as <c>double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)</c> would.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        if ((TryScanPlain(text, out ulong mantissa, out int exponent, out bool negative) || TryDecompose(text, out mantissa, out exponent, out negative))
            && mantissa <= (1UL << 53) && exponent is >= -22 and <= 22)
        {
            double magnitude = exponent >= 0 ? mantissa * s_doublePowers[exponent] : mantissa / s_doublePowers[-exponent];
            value = negative ? -magnitude : magnitude;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Splits <c>[space][sign]digits[.digits][(e|E)[sign]digits][space]</c> into an integer of its
    /// significant digits and a power of ten; false for anything else, or more than 19 digits.
    /// </summary>
    private static bool TryDecompose(ReadOnlySpan<char> text, out ulong mantissa, out int exponent, out bool negative)
    {
        mantissa = 0;
        exponent = 0;
        negative = false;
        int i = 0, end = text.Length;
        while (i < end && text[i] == ' ')
        {
            i++;
        }

        while (end > i && text[end - 1] == ' ')
        {
            end--;
        }

        if (i < end && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        int digits = 0, significant = 0;
        while (i < end && (uint)(text[i] - '0') <= 9)
        {
            Accumulate(text[i] - '0', ref mantissa, ref significant);
            digits++;
            i++;
        }

        if (i < end && text[i] == '.')
        {
            i++;
            while (i < end && (uint)(text[i] - '0') <= 9)
            {
                Accumulate(text[i] - '0', ref mantissa, ref significant);
                exponent--;
                digits++;
                i++;
            }
        }

        if (digits == 0 || significant > 19)
        {
            return false;
        }

        if (i < end && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < end && (text[i] == '-' || text[i] == '+'))
            {
                negativeExponent = text[i] == '-';
                i++;
            }

            int start = i, power = 0;
            while (i < end && (uint)(text[i] - '0') <= 9 && power < 1000)
            {
                power = (power * 10) + (text[i] - '0');
                i++;
            }

            if (i == start)
            {
                return false;
            }

            exponent += negativeExponent ? -power : power;
        }

        return i == end;
    }

    /// <summary>
    /// The shape of nearly every value in a data file, in one loop: an optional '-', then 1 to 19 digits with at
    /// most one '.' among them, and nothing else (no spaces, sign '+', or exponent: <see cref="TryDecompose"/>
    /// takes those). It gives the same mantissa and exponent as <see cref="TryDecompose"/> (leading zeros add
    /// nothing to the mantissa), about a third faster.
    /// </summary>
    private static bool TryScanPlain(ReadOnlySpan<char> text, out ulong mantissa, out int exponent, out bool negative)
    {
        mantissa = 0;
        exponent = 0;
        negative = text.Length > 0 && text[0] == '-';
        int dot = -1, digits = 0;
        for (int i = negative ? 1 : 0; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
            }
            else if (text[i] == '.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        exponent = dot < 0 ? 0 : dot - (text.Length - 1);
        return digits is > 0 and <= 19;
    }

    /// <summary>Appends a digit; leading zeros do not count as significant.</summary>
    private static void Accumulate(int digit, ref ulong mantissa, ref int significant)
    {
        if (mantissa == 0 && digit == 0)
        {
            return;
        }

        significant++;
        if (significant <= 19)
        {
            mantissa = (mantissa * 10) + (uint)digit;
        }
    }
}
