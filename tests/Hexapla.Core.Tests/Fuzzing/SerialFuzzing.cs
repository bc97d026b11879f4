namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// The fuzz tests run one class at a time and alone, after the rest of the assembly: their timing checks must not
/// compete with other tests for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialFuzzing
{
    public const string Name = "Fuzzing";
}
