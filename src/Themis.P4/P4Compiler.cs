using Themis.P4.Checking;
using Themis.P4.Preprocessing;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4;

/// <summary>
/// The front end in one call: preprocess, parse, check. The result carries every diagnostic and,
/// when there is no error, the typed model of the v1model program.
/// </summary>
public static class P4Compiler
{
    /// <summary>Compiles the P4 program in <paramref name="mainFile"/>.</summary>
    public static CompilationResult Compile(string mainFile, P4CompilerOptions? options = null)
    {
        options ??= new P4CompilerOptions();
        var text = options.Reader.TryRead(mainFile);
        if (text == null)
        {
            var d = new Diagnostic(DiagnosticSeverity.Error, new SourceLocation(mainFile, 0, 0), $"cannot read '{mainFile}': the file does not exist or is not readable");
            return new CompilationResult([d], null, null);
        }
        return CompileText(text, mainFile, options);
    }

    /// <summary>Compiles program text; <paramref name="fileName"/> is used in diagnostics and for relative includes.</summary>
    public static CompilationResult CompileText(string text, string fileName, P4CompilerOptions? options = null)
    {
        options ??= new P4CompilerOptions();
        var pre = new Preprocessor(options.Reader, options.IncludeDirectories, options.Defines).Run(fileName, text);
        var bag = new DiagnosticBag(pre.Source);
        bag.AddRange(pre.Diagnostics);
        var syntax = Parser.Parse(pre.Source.Text, bag);
        if (bag.HasErrors)
        {
            // Name and type errors after syntax errors are mostly noise: report the syntax first.
            return new CompilationResult(bag.Items, null, pre.Source);
        }
        var program = new Checker(bag, pre.Source).Check(syntax);
        return new CompilationResult(bag.Items, bag.HasErrors ? null : program, pre.Source);
    }
}
