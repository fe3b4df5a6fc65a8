using System.Net.Sockets;
using DocSign.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// A read that fails because PostgreSQL is restarting answers 503 with Retry-After, like a write does: in the 15-minute
/// soak two such reads surfaced as 500 (EF's "transient failure" wrapper around Npgsql's error reached the handler).
/// </summary>
public sealed class DatabaseDownProblemTests
{
    public static TheoryData<Exception> DatabaseDown => new()
    {
        // EF's retrying strategy gave up on a refused connection (the soak's second 500).
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111))),
        // The same around "the database system is shutting down" (57P03, the first).
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new Npgsql.PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03")),
    };

    [Theory]
    [MemberData(nameof(DatabaseDown))]
    public async Task A_read_failing_because_the_database_is_down_is_503_with_retry_after(Exception failure)
    {
        var written = new List<ProblemDetailsContext>();
        var handler = new ProblemExceptionHandler(new RecordingProblems(written), new DocSign.Infrastructure.Persistence.DatabaseFaultReader(), NullLogger<ProblemExceptionHandler>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/documents/0e01d0f0-7f0f-4486-b1b9-9340c251d69f";

        (await handler.TryHandleAsync(context, failure, CancellationToken.None)).ShouldBeTrue();

        context.Response.StatusCode.ShouldBe(503);
        context.Response.Headers.RetryAfter.ToString().ShouldBe("10");
        written.Single().ProblemDetails.Detail.ShouldBe("Basis data sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.");
    }

    [Fact]
    public async Task Any_other_failure_stays_a_500()
    {
        var written = new List<ProblemDetailsContext>();
        var handler = new ProblemExceptionHandler(new RecordingProblems(written), new DocSign.Infrastructure.Persistence.DatabaseFaultReader(), NullLogger<ProblemExceptionHandler>.Instance);
        var context = new DefaultHttpContext();

        await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None);

        context.Response.StatusCode.ShouldBe(500);
    }

    private sealed class RecordingProblems(List<ProblemDetailsContext> written) : IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            written.Add(context);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            written.Add(context);
            return ValueTask.FromResult(true);
        }
    }
}
