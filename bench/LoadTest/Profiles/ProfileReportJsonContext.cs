using System.Text.Json.Serialization;

namespace Autoscale.LoadTest.Profiles;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ProfileReportRow>))]
internal sealed partial class ProfileReportJsonContext : JsonSerializerContext;
