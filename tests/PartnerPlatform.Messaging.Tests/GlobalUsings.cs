global using Xunit;
global using PartnerPlatform.Testing;
