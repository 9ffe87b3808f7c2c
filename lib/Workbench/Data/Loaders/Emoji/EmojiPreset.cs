namespace Workbench.Data.Loaders.Emoji;

/// <summary>The emoji cross-domain sets (classes = Unicode emoji subgroups with at least 10 emoji drawn by every vendor).</summary>
public enum EmojiPreset
{
    /// <summary><c>emoji-office</c>: Office-Home analogue; domains Noto, Twemoji, EmojiOne, Symbola; 29 object-like classes, 547 images per domain.</summary>
    Office,

    /// <summary><c>emoji-office-41</c>: as <see cref="Office"/> with the 12 symbol classes kept: 41 classes, 784 images per domain.</summary>
    Office41,

    /// <summary><c>emoji-7</c>: DomainNet-7 analogue (clipart vs sketch); domains Noto (colour) and Symbola (line art); 7 classes, 165 images per domain.</summary>
    Seven,
}
