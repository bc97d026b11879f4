using System.Reflection;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Editorial;

/// <summary>
/// Two writes to one document landing close together, the way the soak bench first showed them: the answer to a
/// write must be that write (not a later one read back), and the search index must end with the later text.
/// </summary>
public sealed class ConcurrentWriteTests : NewsroomTestBase
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);

    private async Task<string> PublishedAsync()
    {
        var document = await Newsroom.CreateDocumentAsync(Editor, new NewDocument("talks", EnGb, "Talks", "Negotiators met in Geneva.", null, null));
        await Newsroom.PublishReviewedAsync(Editor, document.Slug, EnGb);
        return document.Slug;
    }

    private int Found(string word) => Index.Search(new SearchQuery(word, null), Clock.GetUtcNow()).Total;

    [Fact]
    public async Task Save_AnotherWriteLandsRightAfterIt_AnswersWithItsOwnRevisionAndText()
    {
        var slug = await PublishedAsync();
        // Another writer on the same file (as another process would be) saves revision 3 just after this one's commit.
        var other = new Newsroom(Store, Index, Clock);
        var store = InterleavingStore.Wrap(Store, after: nameof(IContentStore.SaveVersionAsync), () =>
            other.SaveVersionAsync(Editor, slug, EnGb, new VersionEdit("Talks", "Second writer's text about walruses.", null, "Walruses."), 2));
        var newsroom = new Newsroom(store, Index, Clock);

        var saved = await newsroom.SaveVersionAsync(Editor, slug, EnGb, new VersionEdit("Talks", "First writer's text about narwhals.", null, "Narwhals."), 1);

        Assert.Equal((2, "First writer's text about narwhals."), (saved.Latest.Revision, saved.Latest.Body));
        Assert.Equal(3, (await Store.FindDocumentAsync(slug))!.Version(EnGb)!.Latest.Revision);
    }

    [Fact]
    public async Task Save_AnotherSaveIndexesWhileThisOneIsBetweenStoreAndIndex_IndexEndsWithTheLaterText()
    {
        // Only live text is indexed, so each writer publishes a working copy (one person may here: the point is the order).
        var slug = await PublishedAsync();
        Newsroom? newsroom = null;
        Task? second = null;
        await new Newsroom(Store, Index, Clock).SaveVersionAsync(Editor, slug, EnGb, new VersionEdit("Talks", "First writer's text about narwhals.", null, "Narwhals."), 1);
        // Right after this publish's commit has been read back, a second correction is saved and published; it is given a
        // second to run its course before the first goes on to the index.
        var store = InterleavingStore.Wrap(Store, after: nameof(IContentStore.FindDocumentAsync), async () =>
        {
            second = Task.Run(async () =>
            {
                await newsroom!.SaveVersionAsync(Editor, slug, EnGb, new VersionEdit("Talks", "Second writer's text about walruses.", null, "Walruses."), 2);
                await newsroom.PublishAsync(Editor, slug, EnGb);
            });
            await Task.WhenAny(second, Task.Delay(1000));
        }, skip: 1);
        newsroom = new Newsroom(store, Index, Clock) { RequireSecondPerson = false };

        await newsroom.PublishAsync(Editor, slug, EnGb);
        await second!;

        Assert.Equal(3, (await Store.FindDocumentAsync(slug))!.Version(EnGb)!.Revision);
        Assert.Equal((1, 0), (Found("walruses"), Found("narwhals")));
        Assert.Equal(await Store.GetGenerationAsync(), Index.Generation);
    }

    /// <summary>
    /// The real store with one hook: after the first call of one method (past <c>skip</c> earlier ones) has finished,
    /// <c>hook</c> runs before the caller gets the result.
    /// </summary>
    public class InterleavingStore : DispatchProxy
    {
        private IContentStore _inner = null!;
        private string _after = "";
        private Func<Task> _hook = null!;
        private int _calls = -1;
        private int _skip;

        internal static IContentStore Wrap(IContentStore inner, string after, Func<Task> hook, int skip = 0)
        {
            var store = Create<IContentStore, InterleavingStore>();
            var proxy = (InterleavingStore)(object)store;
            (proxy._inner, proxy._after, proxy._hook, proxy._skip) = (inner, after, hook, skip);
            return store;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(_inner, args);
            if (targetMethod.Name != _after || Interlocked.Increment(ref _calls) != _skip)
            {
                return result;
            }

            // Both hooked methods return Task<T>: wait for it, run the hook, then hand over its result.
            var then = typeof(InterleavingStore).GetMethod(nameof(ThenAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
            return then.Invoke(this, [result]);
        }

        private async Task<T> ThenAsync<T>(Task<T> call)
        {
            var value = await call;
            await _hook();
            return value;
        }
    }
}
