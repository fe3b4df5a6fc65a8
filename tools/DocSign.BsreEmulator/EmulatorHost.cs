using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocSign.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.BsreEmulator;

/// <summary>How to start the emulator.</summary>
public sealed record EmulatorOptions
{
    /// <summary>certs-sample/bsre.</summary>
    public required string PkiDirectory { get; init; }

    /// <summary>The API's address; port 0 picks a free one (tests).</summary>
    public string ApiUrl { get; init; } = "http://127.0.0.1:18790";

    /// <summary>The OCSP/TSA/CA-issuers address written in the certificates; null serves them only in-process.</summary>
    public string? ServicesUrl { get; init; } = "http://127.0.0.1:18791";

    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public Fault Fault { get; init; } = Fault.None;

    /// <summary>The fault only for this file of a bulk call (1-based); null: every file.</summary>
    public int? FaultFile { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}

/// <summary>A running emulator: its address, its registry and its fault switch.</summary>
public sealed class RunningEmulator(WebApplication app, EmulatorState state, Uri baseUrl) : IAsyncDisposable
{
    public Uri BaseUrl { get; } = baseUrl;
    public EmulatorState State { get; } = state;
    public Registry Registry => State.Registry;

    /// <summary>Sets the fault switch (also <c>POST /admin/fault</c>).</summary>
    public Fault Fault { get => State.Fault; set => State.Fault = value; }

    /// <summary>Limits the fault to one file of a bulk call (1-based; null = all), also <c>POST /admin/fault {"fault", "file"}</c>.</summary>
    public int? FaultFile { get => State.FaultFile; set => State.FaultFile = value; }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        State.Pki.Dispose();
    }
}

/// <summary>Everything the endpoints share.</summary>
public sealed class EmulatorState(EmulatorPki pki, Registry registry, EmulatorSigner signer, EmulatorOcsp ocsp, TimeProvider clock)
{
    private volatile int _fault;
    private long _documents;

    public EmulatorPki Pki { get; } = pki;
    public Registry Registry { get; } = registry;
    public EmulatorSigner Signer { get; } = signer;
    public EmulatorOcsp Ocsp { get; } = ocsp;
    public TimeProvider Clock { get; } = clock;
    public Fault Fault { get => (Fault)_fault; set => _fault = (int)value; }

    /// <summary>
    /// Which file of a bulk call the fault applies to (1 = the first; null = every file), so a test can make exactly one
    /// document of a batch come back wrong. Timeout and Error500 always concern the whole call.
    /// </summary>
    public int? FaultFile { get => _faultFile > 0 ? _faultFile : null; set => _faultFile = value ?? 0; }
    private volatile int _faultFile;

    /// <summary>The fault for the <paramref name="index"/>-th file (from 0) of a call.</summary>
    public Fault FaultFor(int index) => FaultFile is { } n && n != index + 1 ? Fault.None : Fault;

    /// <summary>
    /// Test hook: when set, <c>sign/pdf</c> (v2) waits for it before signing, so a test can look at DocSign while the call is
    /// under way (a progress bar) and then let it go on.
    /// </summary>
    public Func<Task>? Hold { get; set; }

    /// <summary>How many documents were signed (the benchmark's and the tests' counter).</summary>
    public long DocumentsSigned => Interlocked.Read(ref _documents);
    internal void CountSigned(int n)
    {
        Interlocked.Add(ref _documents, n);
        Interlocked.Increment(ref _calls);
    }

    private long _calls;

    /// <summary>How many signing calls answered with signed files (a bulk call counts once).</summary>
    public long SigningCalls => Interlocked.Read(ref _calls);
}

public static class EmulatorHost
{
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        var pki = new EmulatorPki(options.PkiDirectory);
        var tsa = new EmulatorTsa(pki.Tsa, pki.Ca, options.Clock);
        var ocsp = new EmulatorOcsp(pki, options.Clock);
        var state = new EmulatorState(pki, new Registry(), new EmulatorSigner(pki, tsa, ocsp, options.Clock), ocsp, options.Clock)
        {
            Fault = options.Fault,
            FaultFile = options.FaultFile,
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.WebHost.UseUrls([options.ApiUrl, .. options.ServicesUrl is { } s ? new[] { s } : []]);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 512L * 1024 * 1024);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        Endpoints.Map(app, state);
        await app.StartAsync(ct);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var apiPort = new Uri(options.ApiUrl).Port;
        var api = apiPort == 0 ? addresses.First() : addresses.First(a => new Uri(a).Port == apiPort);
        return new RunningEmulator(app, state, new Uri(api.TrimEnd('/') + "/"));
    }
}
