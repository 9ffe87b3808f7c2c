namespace Workbench.Data.Loaders.Fonts;

/// <summary>The style domains of the <c>fonts</c> dataset, in domain-id order.</summary>
public enum FontStyle
{
    /// <summary>Handwriting and script faces (Kristi, Dancing Script, Comic Neue, ...).</summary>
    Handwriting,

    /// <summary>Serif text faces (Nimbus Roman, TeX Gyre Termes, EB Garamond, Latin Modern Roman, ...).</summary>
    Serif,

    /// <summary>Sans-serif text faces (Nimbus Sans, Open Sans, DejaVu Sans, ...).</summary>
    Sans,

    /// <summary>Monospaced faces (Nimbus Mono, Hack, JetBrains Mono, Latin Modern Mono, ...).</summary>
    Mono,

    /// <summary>Display and decorative faces (the Brian Kent collection in fonts-aenigma, blackletter, ...).</summary>
    Decorative,
}
