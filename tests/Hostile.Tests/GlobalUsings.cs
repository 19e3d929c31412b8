global using PartnerPlatform.Testing;
global using Xunit;
