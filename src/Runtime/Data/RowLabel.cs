namespace LogRegGen;

/// <summary>Reads row <paramref name="index"/>'s label: 0 or 1, or a class index (a generated model's, which throws <see cref="LogisticDataException"/> for one that is not).</summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <param name="row">The row.</param>
/// <param name="index">Its index among the rows, for the message of a bad label.</param>
/// <returns>The label as the matrix holds it.</returns>
public delegate float RowLabel<TRow>(in TRow row, int index);
