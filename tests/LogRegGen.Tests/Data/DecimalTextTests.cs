using System;
using System.Globalization;
using System.Text;
using Xunit;

namespace LogRegGen.Tests.Data;

/// <summary>
/// The data binder's fast decimal parser gives exactly what the runtime's parser gives, on its fast
/// path (short mantissas, small exponents) and around it.
/// </summary>
public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.006399")]
    [InlineData("17.99")]
    [InlineData("  -1e-3 ")]
    [InlineData("+2.5E+3")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("16777216")]
    [InlineData("16777217")]
    [InlineData("9007199254740993")]
    [InlineData("0.1")]
    [InlineData("3.4028235e38")]
    [InlineData("1e39")]
    [InlineData("1e-46")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("1,5")]
    [InlineData("-.5")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("-0.0000001")]
    [InlineData("0000000000000000000012.5")]
    [InlineData("9999999999999999999")]
    [InlineData("99999999999999999999")]
    [InlineData("1234567.891")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("--1")]
    [InlineData("\t7")]
    public void Edge_cases_parse_as_the_runtime_parses(string text)
    {
        AssertSame(text);
    }

    [Fact]
    public void Random_decimals_parse_as_the_runtime_parses_bit_for_bit()
    {
        var random = new Random(14);
        var builder = new StringBuilder();
        for (int k = 0; k < 200_000; k++)
        {
            builder.Clear();
            if (random.Next(4) == 0)
            {
                builder.Append('-');
            }

            int digits = random.Next(1, 20);
            int point = random.Next(-1, digits + 1);
            for (int d = 0; d < digits; d++)
            {
                if (d == point)
                {
                    builder.Append('.');
                }

                builder.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(3) == 0)
            {
                builder.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-30, 31).ToString(CultureInfo.InvariantCulture));
            }

            AssertSame(builder.ToString());
        }
    }

    private static void AssertSame(string text)
    {
        bool floatOk = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float expectedFloat);
        Assert.Equal(floatOk, DecimalText.TryParse(text, out float actualFloat));
        Assert.True(!floatOk || BitConverter.SingleToInt32Bits(expectedFloat) == BitConverter.SingleToInt32Bits(actualFloat), $"{text}: float {expectedFloat:R} expected, {actualFloat:R} parsed");

        bool doubleOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expectedDouble);
        Assert.Equal(doubleOk, DecimalText.TryParse(text, out double actualDouble));
        Assert.True(!doubleOk || BitConverter.DoubleToInt64Bits(expectedDouble) == BitConverter.DoubleToInt64Bits(actualDouble), $"{text}: double {expectedDouble:R} expected, {actualDouble:R} parsed");
    }
}
