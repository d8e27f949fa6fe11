using StatusComms.LocalRunner;

return await LocalRunnerHost.RunAsync(args);
