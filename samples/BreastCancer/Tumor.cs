using LogRegGen;

namespace BreastCancer;

/// <summary>
/// One row of the breast cancer data set: 30 measurements of the cell nuclei in a fine needle
/// aspirate image, and whether the tumor was diagnosed malignant.
/// </summary>
/// <remarks>
/// The members are named after the CSV columns (<c>mean_radius</c> becomes <c>MeanRadius</c>), so the
/// generated <c>TumorModel.ReadRows</c> finds each one by name (case and underscores ignored). The
/// generator turns every feature into one weight of <c>TumorModel</c>, and <see cref="Malignant"/> is
/// the label y that the model learns to predict.
/// </remarks>
[LogisticModel]
public readonly record struct Tumor(
    float MeanRadius,
    float MeanTexture,
    float MeanPerimeter,
    float MeanArea,
    float MeanSmoothness,
    float MeanCompactness,
    float MeanConcavity,
    float MeanConcavePoints,
    float MeanSymmetry,
    float MeanFractalDimension,
    float RadiusError,
    float TextureError,
    float PerimeterError,
    float AreaError,
    float SmoothnessError,
    float CompactnessError,
    float ConcavityError,
    float ConcavePointsError,
    float SymmetryError,
    float FractalDimensionError,
    float WorstRadius,
    float WorstTexture,
    float WorstPerimeter,
    float WorstArea,
    float WorstSmoothness,
    float WorstCompactness,
    float WorstConcavity,
    float WorstConcavePoints,
    float WorstSymmetry,
    float WorstFractalDimension,
    [Label] bool Malignant);

/// <summary>
/// Five of the measurements, for a model small enough to explain weight by weight: these five do not
/// separate the classes, so the unpenalized fit has finite weights with standard errors.
/// </summary>
[LogisticModel]
public readonly record struct TumorSummary(
    float MeanTexture,
    float MeanSmoothness,
    float MeanSymmetry,
    float MeanFractalDimension,
    float TextureError,
    [Label] bool Malignant);
