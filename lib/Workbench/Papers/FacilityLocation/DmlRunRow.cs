namespace Workbench.Papers.FacilityLocation;

/// <summary>One finished <c>dml</c> run, as read back from its records for tables and charts.</summary>
/// <param name="RunId">Run folder name.</param>
/// <param name="Directory">Run folder.</param>
/// <param name="Dataset">Dataset catalog name.</param>
/// <param name="Loss">Loss name.</param>
/// <param name="Ratio">C/m the run trained with.</param>
/// <param name="BatchSize">m.</param>
/// <param name="Variant"><c>Official</c> or <c>PML</c>.</param>
/// <param name="Preset"><c>smoke</c>, <c>reduced</c> or <c>paper</c>.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Steps">Optimiser steps trained.</param>
/// <param name="Metrics">Final metrics (fractions): <c>NMI</c>, <c>R@K</c>.</param>
/// <param name="TotalSeconds">Wall time of the run (setup, training, evaluation).</param>
/// <param name="TrainSeconds">Training wall time.</param>
/// <param name="Commit">Git commit the run was made from, or null.</param>
/// <param name="Threads">torch intra-op threads.</param>
/// <param name="Started">When the run started.</param>
/// <param name="Ended">When it ended.</param>
public sealed record DmlRunRow(string RunId, string Directory, string Dataset, string Loss, double Ratio, int BatchSize, string Variant, string Preset, long Seed,
    long Steps, IReadOnlyDictionary<string, double> Metrics, double TotalSeconds, double TrainSeconds, string? Commit, int Threads,
    DateTimeOffset Started, DateTimeOffset Ended);
