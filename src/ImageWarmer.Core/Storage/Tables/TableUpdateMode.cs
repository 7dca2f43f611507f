namespace ImageWarmer.Core.Storage.Tables;

/// <summary>How a write treats the columns a row already has.</summary>
public enum TableUpdateMode
{
    /// <summary>Columns not written keep their values (the service's Merge).</summary>
    Merge,

    /// <summary>The row becomes exactly what is written (the service's Update/Replace).</summary>
    Replace,
}
