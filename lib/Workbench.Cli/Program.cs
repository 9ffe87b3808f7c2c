using Workbench.Cli;

return await Cli.RunAsync(args);
