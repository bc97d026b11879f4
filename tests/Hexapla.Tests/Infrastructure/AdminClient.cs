using System.Net;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Languages;
using Hexapla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// A browser-like client for one <see cref="TestSite"/>: it keeps cookies, does not follow redirects, and knows how
/// to fill the antiforgery field of admin forms.
/// </summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public AdminClient(TestSite site)
    {
        _handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        Http = new HttpClient(_handler) { BaseAddress = site.BaseAddress };
        Site = site;
    }

    public HttpClient Http { get; }

    public TestSite Site { get; }

    public CookieCollection Cookies => _handler.CookieContainer.GetCookies(Site.BaseAddress);

    /// <summary>The cookies sent with a request to <paramref name="path"/> (those with a narrower path than <c>/</c> too).</summary>
    public CookieCollection CookiesAt(string path) => _handler.CookieContainer.GetCookies(new Uri(Site.BaseAddress, path));

    /// <summary>The antiforgery field's value on the page at <paramref name="path"/> (which sets its cookie too).</summary>
    public async Task<string> GetFormTokenAsync(string path = AdminAuth.LoginPath)
    {
        using var response = await Http.GetAsync(path);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery field (status {(int)response.StatusCode}).");
    }

    /// <summary>Posts a form, with the token from <paramref name="formPage"/> unless <paramref name="withToken"/> is false.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true, string? formPage = null)
    {
        var all = fields.ToList();
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", await GetFormTokenAsync(formPage ?? path)));
        }

        using var content = new FormUrlEncodedContent(all);
        return await Http.PostAsync(path, content);
    }

    /// <summary>Logs in through the form; the response is the redirect on success, the form again on failure.</summary>
    public Task<HttpResponseMessage> LoginAsync(string name, string password, string? returnUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("name", name), new("password", password) };
        if (returnUrl is not null)
        {
            fields.Add(new("returnUrl", returnUrl));
        }

        return PostFormAsync(AdminAuth.LoginPath, fields);
    }

    /// <summary>Logs in and fails the test unless it worked.</summary>
    public async Task LoginOrFailAsync(string name, string password)
    {
        using var response = await LoginAsync(name, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Adds a user straight into the store of <paramref name="dataFolder"/> (for a <see cref="TestSite"/> prepare callback, or while it runs).</summary>
    public static async Task<User> AddUserAsync(string dataFolder, FakeTimeProvider clock, string name, Role role, string password, params string[] languages)
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(dataFolder, SqliteContentStore.FileName));
        return await store.AddUserAsync(name, role, [.. languages.Select(LanguageTag.Parse)], Passwords.Hash(password), clock.GetUtcNow(), "test");
    }

    /// <summary>Opens the store of a running site, to look at or change accounts behind its back.</summary>
    public static Task<SqliteContentStore> OpenStoreAsync(TestSite site) =>
        SqliteContentStore.OpenAsync(Path.Combine(site.DataFolder, SqliteContentStore.FileName));

    /// <summary>Sets a cookie for the site, as a browser keeps one (the admin's language, say).</summary>
    public void SetCookie(string name, string value) => _handler.CookieContainer.Add(Site.BaseAddress, new Cookie(name, value, "/"));

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }
}
