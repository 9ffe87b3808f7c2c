namespace Workbench.Training.Validation;

/// <summary>One problem with a configuration: the dotted field path (camelCase, as in the JSON) and what is wrong.</summary>
/// <param name="Field">Dotted path of the offending setting, e.g. <c>training.optimizer.learningRate</c> or <c>bits</c>.</param>
/// <param name="Message">What is wrong and, where it helps, what to do.</param>
public sealed record ConfigError(string Field, string Message)
{
    /// <summary><c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
