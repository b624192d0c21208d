using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace LogRegGen;

/// <summary>Where a stream of samples goes: an in-memory <see cref="FeatureMatrixBuilder"/> or a <see cref="FeatureFileWriter"/>.</summary>
public interface ISampleWriter
{
    /// <summary>The number of samples added.</summary>
    int Count { get; }

    /// <summary>Adds a sample with its label and returns its features to fill in.</summary>
    /// <param name="label">The sample's label (0 or 1, or a class index).</param>
    Span<float> Add(float label);
}

/// <summary>
/// A training set on disk, for data larger than memory: X feature-major exactly as a
/// <see cref="FeatureMatrix"/> holds it (rows of <c>Stride</c> floats), then the labels, after a
/// 64-byte header. <see cref="FeatureFileWriter"/> writes one in a streaming pass; <see cref="Open"/>
/// maps it, so every pass of a solver reads X through the operating system's page cache, which
/// keeps what fits in memory and reads the rest from disk again: the matrix is never loaded whole.
/// </summary>
/// <remarks>
/// The mapping is copy-on-write: writing to the matrix's <see cref="FeatureMatrix.Values"/> changes the
/// process's pages, never the file. The solvers read X in the same order and with the same arithmetic
/// as an in-memory matrix, so training gives the same model bit for bit. Gradient descent with
/// standardization and stochastic gradient descent work on a copy of X in memory (the standardized or
/// the shuffled one), and so does cross-validation (each fold's rows); Newton's method, L-BFGS and proximal
/// Newton do not copy it. A file's X may exceed 2³¹ values (m is limited, a shard below the largest array): the
/// kernels address it from its start, and <see cref="FeatureMatrix.Feature"/> gives each row;
/// <see cref="FeatureMatrix.Values"/>, one span over all of X, exists only up to 2³¹ − 1 values.
/// </remarks>
public static class FeatureFile
{
    internal const int HeaderBytes = 64;
    private const long Magic = 0x31304D465847524C; // "LRGXFM01", little-endian

    /// <summary>Maps a file written by <see cref="FeatureFileWriter"/> as a matrix (labels are read into memory).</summary>
    /// <param name="path">The file.</param>
    /// <param name="featureCount">The number of features the caller expects, or -1 for any.</param>
    /// <returns>A matrix whose X is the file's pages.</returns>
    /// <exception cref="InvalidDataException">The file is not a feature file, or is cut short, or has another feature count.</exception>
    public static FeatureMatrix Open(string path, int featureCount = -1)
    {
        ArgumentNullException.ThrowIfNull(path);

        // One handle for the checks and the mapping, so that what is mapped is the file whose length was checked.
        using FileStream stream = File.OpenRead(path);
        long length = stream.Length;
        if (length < HeaderBytes)
        {
            throw new InvalidDataException($"'{path}' is not a LogRegGen feature file (shorter than the header).");
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        stream.ReadExactly(header);

        if (BinaryPrimitives.ReadInt64LittleEndian(header) != Magic)
        {
            throw new InvalidDataException($"'{path}' is not a LogRegGen feature file (no header).");
        }

        int n = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        int m = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        int stride = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        long expected = ExpectedLength(n, m, stride);
        if (n < 1 || m < 1 || m > MaxSamples || !FeatureMatrix.IsStride(stride, m) || expected < 0 || length < expected)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"'{path}' has a damaged header or is cut short: (n, m) = ({n}, {m}), stride {stride}, {length} bytes."));
        }

        if (featureCount >= 0 && n != featureCount)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"'{path}' holds {n} features per sample but the model has {featureCount}."));
        }

        var labels = new float[stride];
        stream.Position = HeaderBytes + ((long)n * stride * sizeof(float));
        stream.ReadExactly(MemoryMarshal.AsBytes(labels.AsSpan(0, m)));
        return new FeatureMatrix(n, m, stride, new MappedValues(stream.SafeFileHandle, path, HeaderBytes, (long)n * stride), labels);
    }

    /// <summary>
    /// The most samples a file holds: m and its stride are ints, the labels one array, and every sample loop of the
    /// kernels steps by a shard past m, so m stays a shard below the largest array.
    /// </summary>
    internal const int MaxSamples = (0x7FFFFFC7 - ChunkScheduler.ShardSize) & ~15;

    /// <summary>The bytes a file of this shape takes, or -1 when n or m is not positive.</summary>
    internal static long ExpectedLength(int n, int m, int stride)
    {
        long values = (long)n * stride;
        return n < 1 || m < 1 ? -1 : HeaderBytes + ((values + m) * sizeof(float));
    }

    internal static void WriteHeader(Span<byte> header, int n, int m, int stride)
    {
        header.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], n);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], m);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], stride);
    }
}

/// <summary>
/// Writes a <see cref="FeatureFile"/> in one streaming pass over samples of unknown number: each
/// sample goes to a staging file of rows as it comes, and <see cref="Complete"/> transposes the rows,
/// a block at a time, into the feature-major file. Memory holds one block of rows and the labels.
/// </summary>
public sealed class FeatureFileWriter : ISampleWriter, IDisposable
{
    private const int BlockRows = 16_384;

    private readonly string _path;
    private readonly string _stagingPath;
    private readonly FileStream _staging;
    private readonly float[] _block;
    private readonly List<float> _labels = new();
    private readonly int _capacity;
    private int _inBlock;
    private bool _completed;

    /// <summary>Starts a file at <paramref name="path"/> (replaced when complete) for samples of <paramref name="featureCount"/> features.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureCount"/> is less than 1.</exception>
    public FeatureFileWriter(string path, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        _path = Path.GetFullPath(path);
        FeatureCount = featureCount;
        _stagingPath = _path + ".rows";
        _staging = new FileStream(_stagingPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose);
        _block = new float[checked(BlockRows * featureCount)];

        // X itself may exceed 2³¹ values (a feature row may not), since the kernels reach it through FeatureMatrix.Origin.
        _capacity = FeatureFile.MaxSamples;
    }

    /// <summary>The number of features n of each sample.</summary>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int Count => _labels.Count;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The file is complete, or holds as many samples as a matrix can.</exception>
    public Span<float> Add(float label)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_inBlock == BlockRows)
        {
            Flush();
        }

        if (Count == _capacity)
        {
            throw new InvalidOperationException($"More than {Count} samples of {FeatureCount} features do not fit in one feature file.");
        }

        _labels.Add(label);
        Span<float> row = _block.AsSpan(_inBlock * FeatureCount, FeatureCount);
        row.Clear();
        _inBlock++;
        return row;
    }

    /// <summary>Transposes the staged rows into the feature file and closes the writer.</summary>
    /// <exception cref="InvalidOperationException">No sample was added.</exception>
    public unsafe void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (Count == 0)
        {
            throw new InvalidOperationException("No samples were added: the data had no rows.");
        }

        Flush();
        int n = FeatureCount, m = Count, stride = (int)FeatureMatrix.StrideFor(m);
        long length = FeatureFile.ExpectedLength(n, m, stride);
        string partial = _path + ".partial";
        using (var target = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            target.SetLength(length);
            Span<byte> header = stackalloc byte[FeatureFile.HeaderBytes];
            FeatureFile.WriteHeader(header, n, m, stride);
            target.Write(header);
            target.Position = FeatureFile.HeaderBytes + ((long)n * stride * sizeof(float));
            target.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_labels))); // little-endian, as the values
            target.Flush();
            using MemoryMappedFile file = MemoryMappedFile.CreateFromFile(target, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            using MemoryMappedViewAccessor view = file.CreateViewAccessor(FeatureFile.HeaderBytes, (long)n * stride * sizeof(float), MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            try
            {
                float* values = (float*)(pointer + view.PointerOffset);
                _staging.Position = 0;
                for (int start = 0; start < m; start += BlockRows)
                {
                    int rows = Math.Min(BlockRows, m - start);
                    _staging.ReadExactly(MemoryMarshal.AsBytes(_block.AsSpan(0, rows * n)));

                    // The block's columns into the feature rows by 8 × 8 tile transposes, as many rows at a time
                    // as one span reaches (X may exceed what one span holds).
                    int group = (int)Math.Min(n, ((int.MaxValue - rows) / (long)stride) + 1);
                    for (int j = 0; j < n; j += group)
                    {
                        int features = Math.Min(group, n - j);
                        var destination = new Span<float>(values + ((long)j * stride) + start, ((features - 1) * stride) + rows);
                        MultinomialMath.Transpose(_block.AsSpan(j, ((rows - 1) * n) + features), n, features, rows, destination, stride);
                    }
                }

                view.Flush();
            }
            finally
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }

        File.Move(partial, _path, overwrite: true);
        _completed = true;
        _staging.Dispose();
    }

    /// <summary>Closes the writer; an incomplete file is not left behind.</summary>
    public void Dispose()
    {
        _staging.Dispose();
        if (!_completed)
        {
            File.Delete(_path + ".partial");
        }

        _completed = true;
    }

    private void Flush()
    {
        if (_inBlock > 0)
        {
            _staging.Write(MemoryMarshal.AsBytes(_block.AsSpan(0, _inBlock * FeatureCount)));
            _inBlock = 0;
        }
    }
}

/// <summary>
/// A read-only file's X mapped copy-on-write; the pointer is held for the matrix's lifetime and released
/// when the matrix is collected (the mapping cannot go away while a matrix reads it).
/// </summary>
internal sealed unsafe partial class MappedValues
{
    private const int ProtectRead = 1, ProtectWrite = 2, MapPrivate = 2, MapNoReserve = 0x4000;

    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _mapping;
    private readonly nuint _mappingLength;
    private readonly float* _values;
    private readonly long _length;

    public MappedValues(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path, long offset, long count)
    {
        _length = count;
        try
        {
            if (OperatingSystem.IsLinux() && Environment.Is64BitProcess)
            {
                // mmap itself, private (copy-on-write) and without reserving swap for the copies: a private
                // writable mapping is otherwise charged in full against the commit limit, which refuses a file
                // larger than the machine's memory, the very case a feature file exists for. Pages a caller
                // writes are then allocated as written, like any memory.
                _mappingLength = checked((nuint)(offset + (count * sizeof(float))));
                bool added = false;
                handle.DangerousAddRef(ref added);
                try
                {
                    nint address = Mmap(0, _mappingLength, ProtectRead | ProtectWrite, MapPrivate | MapNoReserve, (int)handle.DangerousGetHandle(), 0);
                    if (address == -1)
                    {
                        throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Could not map '{path}' ({_mappingLength} bytes): error {Marshal.GetLastPInvokeError()}."));
                    }

                    _mapping = (byte*)address;
                }
                finally
                {
                    if (added)
                    {
                        handle.DangerousRelease();
                    }
                }

                _values = (float*)(_mapping + offset);
                return;
            }

            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.CopyOnWrite);
            _view = _file.CreateViewAccessor(offset, count * sizeof(float), MemoryMappedFileAccess.CopyOnWrite);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _values = (float*)(pointer + _view.PointerOffset);
        }
        catch
        {
            // Nothing to release, and the finalizer must not run on a half-built object.
            _view?.Dispose();
            _file?.Dispose();
            GC.SuppressFinalize(this);
            throw;
        }
    }

    ~MappedValues()
    {
        if (_mapping is not null)
        {
            _ = Munmap((nint)_mapping, _mappingLength);
        }
        else if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file?.Dispose();
        }
    }

    public Span<float> Values => _length <= int.MaxValue
        ? new(_values, (int)_length)
        : throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture, $"X is a mapped file of {_length} values, more than one span holds; read it a feature at a time (FeatureMatrix.Feature)."));

    public ref float Origin => ref *_values;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int descriptor, long offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
