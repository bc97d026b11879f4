namespace Hexapla;

/// <summary>Temporary.</summary>
public static class Placeholder;
