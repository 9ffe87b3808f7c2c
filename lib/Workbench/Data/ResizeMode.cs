namespace Workbench.Data;

/// <summary>How a decoded image of any size becomes the dataset's <c>H x W</c>.</summary>
public enum ResizeMode
{
    /// <summary>Resize the shorter side to the target, then crop the centre (torchvision's Resize + CenterCrop; photos).</summary>
    ShorterSideCenterCrop,

    /// <summary>Resize to exactly <c>H x W</c>, ignoring the aspect ratio.</summary>
    Stretch,

    /// <summary>Scale the longer side to fit and pad with the background (nothing cropped; icons, glyphs).</summary>
    Fit,
}
