// The generated kernels of the RowN models (Rows.cs) live in a namespace of the generator's own, one per
// model (LogRegGen.Generated.{Namespace}_{Model}); the kernel tests call their SIMD paths directly.
// Models above 16 features (Row30, Row64) have no kernels of their own: they run RuntimeKernel.
global using Row1Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row1Model.Kernels;
global using Row4Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row4Model.Kernels;
global using Row7Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row7Model.Kernels;
global using Row9Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row9Model.Kernels;
global using Row16Kernels = LogRegGen.Generated.LogRegGen_Tests_Generated_Row16Model.Kernels;
