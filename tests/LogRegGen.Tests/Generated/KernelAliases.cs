// The generated kernels of the RowN models (Rows.cs) live in a namespace of the generator's own, one per
// model (LogRegGen.Generated.{Namespace}_{Model}); the kernel tests call their SIMD paths directly.
global using Row1Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row1Model.Kernels;
global using Row4Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row4Model.Kernels;
global using Row7Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row7Model.Kernels;
global using Row9Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row9Model.Kernels;
global using Row30Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row30Model.Kernels;
global using Row64Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row64Model.Kernels;
