using Workbench.Losses.Reducers;

namespace Workbench.Losses.Ucdir;

/// <summary>Maps the recorded <see cref="UcdirReduction"/> setting to its reducer part.</summary>
public static class UcdirReductionExtensions
{
    /// <summary><see cref="UcdirReduction.Sum"/> → <see cref="SumReducer"/>, <see cref="UcdirReduction.Mean"/> → <see cref="MeanReducer"/> (0 for no terms under both).</summary>
    public static ILossReducer ToReducer(this UcdirReduction reduction) => reduction switch
    {
        UcdirReduction.Sum => new SumReducer(),
        UcdirReduction.Mean => new MeanReducer(),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };
}
