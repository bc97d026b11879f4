using Hexapla.Translation.MachineTranslation;

namespace Hexapla.Hosting;

/// <summary>Machine translation is optional: the provider is registered only when <c>Hexapla:MachineTranslation:Url</c> is set.</summary>
internal static class MachineTranslationSetup
{
    public static IServiceCollection AddMachineTranslation(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MachineTranslationOptions.Section).Get<MachineTranslationOptions>() ?? new MachineTranslationOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        // Checked now, so a mistyped address stops the start with a clear message rather than failing on first use.
        var translator = new LibreTranslateTranslator(new HttpClient(), options);
        services.AddSingleton<IMachineTranslator>(translator);
        return services;
    }
}
