using Hexapla.Cli;

// The command line is the front door: `hexapla serve`, `hexapla import`… (see Cli/).
return await HexaplaCli.RunAsync(args);
