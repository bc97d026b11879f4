namespace Hexapla.Storage;

// How many documents each section holds that readers may see, per language (the read API's section tree).
public abstract partial class SqlContentStore
{
    /// <inheritdoc />
    /// <remarks>The listing's count (<see cref="CountPublishedBySectionAsync"/>): one public rule, one query.</remarks>
    public Task<IReadOnlyList<SectionLanguageCount>> CountPublicDocumentsBySectionAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        CountPublishedBySectionAsync(now, cancellationToken);
}
