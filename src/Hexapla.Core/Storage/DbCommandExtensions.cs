using System.Data;
using System.Data.Common;

namespace Hexapla.Storage;

/// <summary>Parameters the same way on every provider (<c>AddWithValue</c> is not part of <see cref="DbCommand"/>).</summary>
internal static class DbCommandExtensions
{
    /// <summary>Adds <c>@name</c> with <paramref name="value"/>; null is sent as SQL NULL.</summary>
    public static DbParameter Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// Adds <c>@name</c> as text, null included: a filter such as <c>(@x IS NULL OR col = @x)</c> needs its type
    /// stated, since PostgreSQL cannot infer the type of an untyped null there.
    /// </summary>
    public static DbParameter BindText(this DbCommand command, string name, string? value)
    {
        var parameter = command.Bind(name, value);
        parameter.DbType = DbType.String;
        return parameter;
    }

    /// <summary>Adds <c>@name</c> as a 32-bit integer, null included (typed for the same reason as <see cref="BindText"/>).</summary>
    public static DbParameter BindInt32(this DbCommand command, string name, int? value)
    {
        var parameter = command.Bind(name, value);
        parameter.DbType = DbType.Int32;
        return parameter;
    }

    /// <summary>Adds <c>@name</c> as a 64-bit integer, null included (typed for the same reason as <see cref="BindText"/>).</summary>
    public static DbParameter BindInt64(this DbCommand command, string name, long? value)
    {
        var parameter = command.Bind(name, value);
        parameter.DbType = DbType.Int64;
        return parameter;
    }

    /// <summary>Adds <c>@name</c> of <paramref name="type"/> without a value, for a command run many times.</summary>
    public static DbParameter Parameter(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
