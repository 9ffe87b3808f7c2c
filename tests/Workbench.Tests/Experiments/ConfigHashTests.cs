using System.Text.Json;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.LinearProbe;

namespace Workbench.Tests.Experiments;

public class ConfigHashTests
{
    [Fact]
    public void Canonical_SortsKeysRecursively_AndDropsWhitespace()
    {
        using var doc = JsonDocument.Parse("""{ "b": [ {"z": 1, "a": 2.5} ], "a": "x", "c": { "y": null, "x": true } }""");
        Assert.Equal("""{"a":"x","b":[{"a":2.5,"z":1}],"c":{"x":true,"y":null}}""", ConfigHash.Canonical(doc.RootElement));
    }

    [Fact]
    public void Sha256Hex_IsTheStandardDigest()
    {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ConfigHash.Sha256Hex("abc"));
    }

    [Fact]
    public void EqualConfigs_HashEqual_AnyChangeChangesTheHash()
    {
        var m = new LinearProbeMethod();
        var a = (LinearProbeConfig)m.CreatePreset(PresetLabel.Smoke);
        var b = (LinearProbeConfig)m.CreatePreset(PresetLabel.Smoke);
        string h = ConfigHash.Compute(m.Name, PresetLabel.Smoke, a);
        Assert.Matches("^[0-9a-f]{64}$", h);
        Assert.Equal(h, ConfigHash.Compute(m.Name, PresetLabel.Smoke, b));
        Assert.NotEqual(h, ConfigHash.Compute(m.Name, PresetLabel.Smoke, a with { Seed = 1 }));
        Assert.NotEqual(h, ConfigHash.Compute(m.Name, PresetLabel.Reduced, a));
        Assert.NotEqual(h, ConfigHash.Compute("other", PresetLabel.Smoke, a));
        Assert.NotEqual(h, ConfigHash.Compute(m.Name, PresetLabel.Smoke,
            a with { Training = a.Training with { Optimizer = a.Training.Optimizer with { LearningRate = 0.1000001 } } }));
    }

    [Fact]
    public void Init_enters_the_identity_by_content_not_by_path_and_is_absent_from_json_when_unset()
    {
        var m = new LinearProbeMethod();
        var a = (LinearProbeConfig)m.CreatePreset(PresetLabel.Smoke);
        Assert.False(ConfigHash.ToJson(a).TryGetProperty("init", out _));
        string folder = Directory.CreateTempSubdirectory("wb-init-").FullName;
        try
        {
            string one = Path.Combine(folder, "one.pth"), copy = Path.Combine(folder, "copy.pth");
            File.WriteAllBytes(one, [1, 2, 3]);
            File.WriteAllBytes(copy, [1, 2, 3]);
            string plain = ConfigHash.Compute(m.Name, PresetLabel.Smoke, a);
            string withInit = ConfigHash.Compute(m.Name, PresetLabel.Smoke, a with { Init = one });
            Assert.NotEqual(plain, withInit);
            Assert.Equal(withInit, ConfigHash.Compute(m.Name, PresetLabel.Smoke, a with { Init = copy }));
            File.WriteAllBytes(one, [1, 2, 4]);
            Assert.NotEqual(withInit, ConfigHash.Compute(m.Name, PresetLabel.Smoke, a with { Init = one }));
            Assert.Equal("sha256:039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", ConfigHash.InitIdentity(copy));
            var errors = m.Validate(a with { Init = Path.Combine(folder, "absent.pth") });
            Assert.Contains(errors, e => e.Field == "init" && e.Message.Contains("not found"));
            Assert.Contains(m.Validate(a with { Init = one }), e => e.Field == "init" && e.Message.Contains("no backbone"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Hash_SurvivesAManifestRoundTrip()
    {
        var m = new LinearProbeMethod();
        var a = (LinearProbeConfig)m.CreatePreset(PresetLabel.Smoke, "Mlp");
        var json = ConfigHash.ToJson(a);
        var back = (LinearProbeConfig)json.Deserialize(m.ConfigType, Workbench.Training.Records.RecordJson.Compact)!;
        Assert.Equal(ConfigHash.Compute(m.Name, PresetLabel.Smoke, a), ConfigHash.Compute(m.Name, PresetLabel.Smoke, back));
        Assert.Equal(a.Training.Schedule.Milestones, back.Training.Schedule.Milestones);
        Assert.Equal(a with { Training = back.Training }, back);
    }
}
