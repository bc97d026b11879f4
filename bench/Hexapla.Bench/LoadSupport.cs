using Hexapla.Bench.Corpus;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hexapla.Bench;

/// <summary>What <c>bench/load.sh</c> needs besides Hexapla itself: a large store to serve, and a bare server.</summary>
internal static class LoadSupport
{
    private const int BatchSize = 1_000;

    /// <summary>
    /// Writes the generated corpus into a data folder as <c>hexapla serve</c> reads it: the store and a search index
    /// in step with it (the index records the store's generation, so <c>serve</c> does not rebuild it).
    /// </summary>
    /// <remarks>
    /// With <paramref name="sections"/> above 0 the store first gets a tree of that many sections and two kinds
    /// (<see cref="SectionCorpus"/>), and each document its place in it, a kind and field values.
    /// </remarks>
    public static async Task WriteCorpusAsync(
        CorpusGenerator corpus, int documents, string dataFolder, Phases phases, int sections, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataFolder);
        var store = await SqliteContentStore.OpenAsync(Path.Combine(dataFolder, SqliteContentStore.FileName), cancellationToken);
        var tree = sections > 0 ? await SectionCorpus.CreateAsync(store, sections, cancellationToken) : null;
        using var index = LuceneSearchIndex.Open(Path.Combine(dataFolder, "index"), holdWriter: true);
        var phase = phases.Start("Store and index", documents);
        for (var first = 0; first < documents; first += BatchSize)
        {
            var batch = new Content.Document[Math.Min(BatchSize, documents - first)];
            for (var i = 0; i < batch.Length; i++)
            {
                var document = corpus.Generate(first + i);
                batch[i] = tree is null ? document : tree.Place(document, first + i);
            }

            var saved = await store.SaveDocumentsAsync(batch, cancellationToken);
            var generation = await store.GetGenerationAsync(cancellationToken);
            await index.UpdateAsync(saved, CorpusGenerator.Now, generation, cancellationToken);
            phase.Advance(batch.Length);
        }

        index.Commit();
    }

    /// <summary>
    /// The framework's ceiling: Kestrel answering every GET with the bytes of one file, with no middleware at all.
    /// </summary>
    public static async Task ServeFileAsync(string url, string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.Run(http =>
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.ContentLength = bytes.Length;
            return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
        });
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
