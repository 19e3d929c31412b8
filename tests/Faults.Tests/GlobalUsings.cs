global using PartnerPlatform.Testing;
global using Xunit;
global using Xunit.Abstractions;
