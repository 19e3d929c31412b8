using PartnerPlatform.Contracts.AsyncApi;

// dotnet run --project services/Contracts/PartnerPlatform.Contracts.AsyncApi [-- path/to/asyncapi.json]
var contracts = EventCatalogue.ContractsFolder();
var output = args.Length > 0 ? args[0] : Path.Combine(contracts, EventCatalogue.DocumentFileName);
var document = AsyncApiDocument.Generate(EventCatalogue.Read(contracts));
await File.WriteAllTextAsync(output, document);
Console.WriteLine($"wrote {output}");
