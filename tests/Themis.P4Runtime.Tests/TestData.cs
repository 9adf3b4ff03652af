namespace Themis.P4Runtime.Tests;

internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "data", name);
}
