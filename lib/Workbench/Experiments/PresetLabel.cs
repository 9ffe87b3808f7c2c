namespace Workbench.Experiments;

/// <summary>How big a preset is (design.md, "Presets are labelled"); every record and table row carries it.</summary>
public enum PresetLabel
{
    /// <summary>Seconds on a CPU, for CI and tests.</summary>
    Smoke,

    /// <summary>Minutes on 2 CPU cores with real data.</summary>
    Reduced,

    /// <summary>The paper's settings; sized for one GPU.</summary>
    Paper,
}
