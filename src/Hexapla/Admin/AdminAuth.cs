using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Hexapla.Admin;

/// <summary>
/// Who is asking: a cookie session from <c>/admin/login</c>, or an API token sent as <c>Authorization: Bearer hxp_…</c>.
/// Every POST under <c>/admin</c> must carry its form's antiforgery token.
/// </summary>
internal static class AdminAuth
{
    public const string Scheme = "Hexapla";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = "Bearer";
    public const string CookieName = "hexapla-session";
    public const string LanguageClaim = "hexapla:language";
    public const string StampClaim = "hexapla:stamp";
    public const string LoginPath = "/admin/login";

    /// <summary>The authorization policy that only an API token satisfies.</summary>
    public const string TokenPolicy = "api-token";

    public static IServiceCollection AddAdminAuth(this IServiceCollection services)
    {
        services.AddSingleton<LoginThrottle>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "hexapla-antiforgery";
            options.FormFieldName = "__RequestVerificationToken";
            // The security headers say DENY for every response; antiforgery's SAMEORIGIN would be weaker.
            options.SuppressXFrameOptionsHeader = true;
        });

        services.AddAuthentication(Scheme)
            // The header decides: a Bearer token is the API's way in; anything else is the browser's cookie.
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options => options.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                options.AccessDeniedPath = LoginPath;
                options.ReturnUrlParameter = "returnUrl";
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => IsApi(context.Request)
                        ? Unauthorized(context.HttpContext)
                        : Redirect(context),
                    OnRedirectToAccessDenied = context => IsApi(context.Request)
                        ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your role does not allow this.").ExecuteAsync(context.HttpContext)
                        : Redirect(context),
                    // The user is read again from the store on every request, and the session's security stamp must
                    // still be theirs: logout, a new password, role or languages and disabling end every session at
                    // once, on every node sharing the store.
                    OnValidatePrincipal = async context =>
                    {
                        var user = await LoadAsync(context.HttpContext, context.Principal);
                        context.HttpContext.Items[typeof(User)] = user;
                        if (user is null)
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(CookieScheme);
                        }
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null);

        // The cookie's expiry and sliding renewal follow the injected clock (a fake one in tests).
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);
        services.AddOptions<AuthenticationSchemeOptions>(BearerScheme).Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);
        services.AddAuthorization(options => options.AddPolicy(TokenPolicy, policy => policy.AddAuthenticationSchemes(BearerScheme).RequireAuthenticatedUser()));
        return services;
    }

    public static WebApplication UseAdminAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        // Every form post under /admin carries its antiforgery token, or is refused before any endpoint sees it.
        app.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/admin"))
            {
                Hosting.TooLarge.AllowUpload(http);
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    var text = AdminText.Of(http);
                    await AdminPage.Render(
                        http,
                        text.FormExpiredTitle,
                        Html.Of($"""
                            <h1>{text.FormExpiredHeading}</h1>
                            <p>{text.FormExpiredText}</p>
                            """),
                        StatusCodes.Status400BadRequest).ExecuteAsync(http);
                    return;
                }
            }

            await next(http);
        });
        return app;
    }

    /// <summary>
    /// The <c>/admin</c> route group: every endpoint mapped into it requires a signed-in user, so a page added later
    /// cannot be left open by forgetting a call. Only the login form and its post are marked anonymous, here.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this WebApplication app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization();
        admin.MapGet("/login", (HttpContext http, string? returnUrl) => LoginForm(http, returnUrl, null, null, StatusCodes.Status200OK)).AllowAnonymous();
        admin.MapPost("/login", LoginAsync).AllowAnonymous();
        admin.MapPost("/logout", LogoutAsync);
        admin.MapAdminLanguage();
        return admin;
    }

    /// <summary>
    /// The <c>/api/v1</c> routes for signed-in callers (a token or a session): every endpoint mapped into this group
    /// requires one. <c>GET /api/v1/me</c> tells API clients who their token is.
    /// </summary>
    public static RouteGroupBuilder MapSignedInApiGroup(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapGet("/me", async (HttpContext http) =>
        {
            var user = await http.CurrentUserAsync();
            return user is null
                ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
                : Results.Ok(new { name = user.Name, role = RoleName(user.Role), languages = user.Languages.Select(l => l.Value) });
        });
        return api;
    }

    /// <summary>
    /// A route group whose every endpoint requires an API token (<c>Authorization: Bearer …</c>): a browser's session
    /// cookie is not enough, so a page elsewhere cannot make a signed-in editor's browser change anything.
    /// </summary>
    public static RouteGroupBuilder MapTokenGroup(this WebApplication app, string prefix) =>
        app.MapGroup(prefix).RequireAuthorization(TokenPolicy);

    /// <summary>
    /// The signed-in user, read again from the store; null for anonymous callers and for users disabled or removed
    /// since they signed in. Cached for the rest of the request.
    /// </summary>
    public static async Task<User?> CurrentUserAsync(this HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(User), out var cached))
        {
            return cached as User;
        }

        var user = await LoadAsync(http, http.User);
        http.Items[typeof(User)] = user;
        return user;
    }

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>The claims of a signed-in user: name, role, store id, security stamp, and each translator language.</summary>
    public static ClaimsPrincipal PrincipalFor(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, RoleName(user.Role)),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange(user.Languages.Select(l => new Claim(LanguageClaim, l.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static async Task<User?> LoadAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } idText
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var user = await http.RequestServices.GetRequiredService<IAccountStore>().FindUserByIdAsync(id, http.RequestAborted);
        return user is { Disabled: false } && StampMatches(principal.FindFirstValue(StampClaim), user.SecurityStamp) ? user : null;
    }

    // An empty stamp (a cookie from before stamps, a user never read from a store) matches nothing.
    private static bool StampMatches(string? session, string current) =>
        !string.IsNullOrEmpty(session) && current.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(session), Encoding.UTF8.GetBytes(current));

    private static async Task<IResult> LoginAsync(HttpContext http, IAccountStore store, LoginThrottle throttle, TimeProvider clock, ILoggerFactory logs)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var address = http.Connection.RemoteIpAddress;
        var detail = address?.ToString();
        var log = logs.CreateLogger("Hexapla.Admin");

        if (name.Length == 0 || password.Length == 0)
        {
            return LoginForm(http, returnUrl, name, AdminText.Of(http).EnterNameAndPassword, StatusCodes.Status400BadRequest);
        }

        // Refused attempts are not checked at all, so a locked account cannot be probed.
        if (throttle.RefusedUntil(name, address) is { } until)
        {
            await store.AppendAuditAsync(clock.GetUtcNow(), AccountNames.IsValid(name) ? name : "anonymous", "login.refused", name, detail, http.RequestAborted);
            log.LogWarning("Login refused for {Name} from {Address}: too many failures", name, detail);
            var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return LoginForm(http, returnUrl, name, AdminText.Of(http).TooManyLogins(minutes), StatusCodes.Status429TooManyRequests);
        }

        var user = AccountNames.IsValid(name) ? await store.FindUserAsync(name, http.RequestAborted) : null;
        var hash = user is null ? null : await store.GetPasswordHashAsync(user.Name, http.RequestAborted);
        // An unknown name still costs one hash check, so the answer's timing does not tell which names exist.
        var passwordMatches = Passwords.Verify(hash ?? Passwords.DummyHash, password) && hash is not null;
        if (user is null || !passwordMatches || user.Disabled)
        {
            throttle.Failed(name, address);
            var why = user is null ? "unknown user" : !passwordMatches ? "wrong password" : "disabled";
            await store.AppendAuditAsync(clock.GetUtcNow(), user?.Name ?? "anonymous", "login.failed", user?.Name ?? name[..Math.Min(name.Length, AccountNames.MaxLength)], $"{why}; {detail}", http.RequestAborted);
            log.LogWarning("Failed login for {Name} from {Address}: {Reason}", name, detail, why);
            return LoginForm(http, returnUrl, name, AdminText.Of(http).WrongLogin, StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(name);
        await http.SignInAsync(CookieScheme, PrincipalFor(user, CookieScheme));
        await store.AppendAuditAsync(clock.GetUtcNow(), user.Name, "login", user.Name, detail, http.RequestAborted);
        log.LogInformation("{Name} logged in from {Address}", user.Name, detail);
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/admin/");
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAccountStore store, TimeProvider clock)
    {
        var name = http.User.Identity?.Name ?? "anonymous";
        await http.SignOutAsync(CookieScheme);
        // A new stamp ends every session of this user, not only this browser's: a copied cookie dies with it.
        if (!await store.EndSessionsAsync(name, clock.GetUtcNow(), name, "logout", http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted))
        {
            await store.AppendAuditAsync(clock.GetUtcNow(), name, "logout", name, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        }

        return Results.Redirect(LoginPath);
    }

    private static IResult LoginForm(HttpContext http, string? returnUrl, string? name, string? message, int status)
    {
        var keep = IsLocal(returnUrl) ? Html.Of($"""<input type="hidden" name="returnUrl" value="{returnUrl}">""") : Html.Empty;
        var alert = message is null ? Html.Empty : Html.Of($"""<p class="alert" role="alert">{message}</p>""");
        var text = AdminText.Of(http);
        return AdminPage.Render(http, text.LogIn, Html.Of($"""
            <h1>{text.LogIn}</h1>
            {alert}
            <form class="login" method="post" action="{LoginPath}">
            {AdminPage.AntiforgeryField(http)}{keep}
            <p><label for="name">{text.Name}</label><br><input id="name" name="name" autocomplete="username" required maxlength="64" dir="auto" value="{name ?? string.Empty}"></p>
            <p><label for="password">{text.Password}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">{text.LogIn}</button></p>
            </form>
            """), status);
    }

    /// <summary>Only a path on this site: not <c>//host</c>, not <c>/\host</c>, not a scheme.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "Send an API token as Authorization: Bearer TOKEN (hexapla token create makes one).").ExecuteAsync(http);
    }

    private static Task Redirect<T>(RedirectContext<T> context) where T : AuthenticationSchemeOptions
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary><c>Authorization: Bearer hxp_…</c>: the token's hash must name a working token of an enabled user.</summary>
    private sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccountStore store)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.NoResult();
            }

            var token = header["Bearer ".Length..].Trim();
            if (!token.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal) || token.Length > 200)
            {
                return AuthenticateResult.Fail("Not a Hexapla API token.");
            }

            var user = await store.FindUserByTokenHashAsync(ApiTokens.HashOf(token), Context.RequestAborted);
            if (user is null)
            {
                return AuthenticateResult.Fail("The token is unknown or revoked, or its user is disabled.");
            }

            Context.Items[typeof(User)] = user;
            return AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(user, Scheme.Name), Scheme.Name));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            var sent = Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: sent
                    ? "The token is unknown or revoked, or its user is disabled."
                    : "This needs an API token: Authorization: Bearer … (hexapla token create NAME --user USER); a session cookie is not enough.").ExecuteAsync(Context);
        }

        protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
            Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your role does not allow this.").ExecuteAsync(Context);
    }
}
