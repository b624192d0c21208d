using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LogRegGen;

/// <summary>
/// Writes a trained model as an ONNX graph, so other runtimes (ONNX Runtime, and the tools built on
/// it) can score it: input <c>features</c>, float [N, n], one row per sample in the order of the
/// feature names; output <c>probability</c>, float [N, 1] = Sigmoid(features · W + b), with W the
/// n × 1 weights and b the bias as initializers (opset 13: MatMul, Add, Sigmoid). The feature
/// names travel in the model's metadata (<c>feature_names</c>, comma-separated). A multinomial model
/// (<see cref="WriteMultinomial"/>) ends in Softmax instead, with K output columns.
/// </summary>
/// <remarks>The protobuf is written by hand (a few message types), so the runtime needs no protobuf library.</remarks>
public static class OnnxExport
{
    /// <summary>The ONNX opset the graph uses.</summary>
    public const int OpsetVersion = 13;

    private const long IrVersion = 8;
    private const int FloatType = 1;

    /// <summary>Writes the ONNX model.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="featureNames">The n feature names, in weight order.</param>
    /// <param name="weights">The n weights, for raw features.</param>
    /// <param name="bias">The bias.</param>
    /// <param name="modelName">The graph's name.</param>
    /// <exception cref="ArgumentException">The names and weights differ in number, or there are none.</exception>
    public static void Write(Stream stream, IReadOnlyList<string> featureNames, ReadOnlySpan<float> weights, float bias, string modelName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        ShapeGuard.NotEmpty(weights.Length, nameof(weights));
        ShapeGuard.SameLength(featureNames.Count, weights.Length, nameof(weights));
        int n = weights.Length;
        WriteModel(stream, modelName, n, Tensor("W", [n, 1], weights), Tensor("b", [1], [bias]), "Sigmoid", "probability", 1, ("feature_names", string.Join(",", featureNames)));
    }

    /// <summary>
    /// Writes a multinomial (softmax) model: input <c>features</c>, float [N, n]; output
    /// <c>probabilities</c>, float [N, K] = Softmax(features · Wᵀ + b) over each row (opset 13: MatMul,
    /// Add, Softmax), with the feature names and the class names (<c>class_names</c>, comma-separated,
    /// in the order of the output's columns) in the metadata.
    /// </summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="featureNames">The n feature names, in weight order.</param>
    /// <param name="classNames">The K class names, in the order of W's rows and of the output's columns.</param>
    /// <param name="weights">W, K rows of n weights (row-major), for raw features.</param>
    /// <param name="biases">The K intercepts.</param>
    /// <param name="modelName">The graph's name.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, or there are fewer than two classes.</exception>
    public static void WriteMultinomial(Stream stream, IReadOnlyList<string> featureNames, IReadOnlyList<string> classNames, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, string modelName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        int n = featureNames.Count, k = classNames.Count;
        if (n < 1 || k < 2)
        {
            throw new ArgumentException($"Expected at least 1 feature and 2 classes but got {n} and {k}.", nameof(classNames));
        }

        ShapeGuard.SameLength(k * n, weights.Length, nameof(weights));
        ShapeGuard.SameLength(k, biases.Length, nameof(biases));

        // MatMul wants W as (n, K): the transpose of the model's K rows of n.
        var transposed = new float[n * k];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < n; j++)
            {
                transposed[(j * k) + c] = weights[(c * n) + j];
            }
        }

        WriteModel(
            stream,
            modelName,
            n,
            Tensor("W", [n, k], transposed),
            Tensor("b", [k], biases),
            "Softmax",
            "probabilities",
            k,
            ("feature_names", string.Join(",", featureNames)),
            ("class_names", string.Join(",", classNames)));
    }

    /// <summary>features [N, n] → MatMul W → Add b → <paramref name="activation"/> → <paramref name="output"/> [N, columns].</summary>
    private static void WriteModel(Stream stream, string modelName, int n, Proto w, Proto b, string activation, string output, int columns, params (string Key, string Value)[] metadata)
    {
        var graph = new Proto();
        graph.Message(1, Node("MatMul", "features", "W", "z0"));
        graph.Message(1, Node("Add", "z0", "b", "logit"));
        graph.Message(1, Node(activation, "logit", null, output));
        graph.String(2, modelName);
        graph.Message(5, w);
        graph.Message(5, b);
        graph.Message(11, Value("features", n));
        graph.Message(12, Value(output, columns));

        var opset = new Proto();
        opset.String(1, string.Empty);
        opset.Varint(2, OpsetVersion);

        var model = new Proto();
        model.Varint(1, IrVersion);
        model.String(2, "LogRegGen");
        model.String(3, typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0");
        model.Message(7, graph);
        model.Message(8, opset);
        foreach ((string key, string value) in metadata)
        {
            var entry = new Proto();
            entry.String(1, key);
            entry.String(2, value);
            model.Message(14, entry);
        }

        model.WriteTo(stream);
    }

    private static Proto Node(string op, string a, string? b, string output)
    {
        var node = new Proto();
        node.String(1, a);
        if (b is not null)
        {
            node.String(1, b);
        }

        node.String(2, output);
        node.String(3, op.ToLowerInvariant());
        node.String(4, op);
        return node;
    }

    private static Proto Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new Proto();
        foreach (long d in dims)
        {
            tensor.Varint(1, d);
        }

        tensor.Varint(2, FloatType);
        tensor.String(8, name);
        var raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(raw.AsSpan(i * sizeof(float)), values[i]);
            if (!BitConverter.IsLittleEndian)
            {
                raw.AsSpan(i * sizeof(float), sizeof(float)).Reverse();
            }
        }

        tensor.Bytes(9, raw);
        return tensor;
    }

    /// <summary>A float tensor [N, columns] with a symbolic batch dimension N.</summary>
    private static Proto Value(string name, int columns)
    {
        var batch = new Proto();
        batch.String(2, "N");
        var width = new Proto();
        width.Varint(1, columns);
        var shape = new Proto();
        shape.Message(1, batch);
        shape.Message(1, width);
        var tensorType = new Proto();
        tensorType.Varint(1, FloatType);
        tensorType.Message(2, shape);
        var type = new Proto();
        type.Message(1, tensorType);
        var value = new Proto();
        value.String(1, name);
        value.Message(2, type);
        return value;
    }

    /// <summary>A protobuf message being written: fields in order, varints and length-delimited bytes.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _buffer = new();

        public void Varint(int field, long value)
        {
            Tag(field, 0);
            WriteVarint((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Proto message) => Bytes(field, message._buffer.ToArray());

        public void Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            WriteVarint((ulong)value.Length);
            _buffer.Write(value, 0, value.Length);
        }

        public void WriteTo(Stream stream) => _buffer.WriteTo(stream);

        private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _buffer.WriteByte((byte)value);
        }
    }
}
