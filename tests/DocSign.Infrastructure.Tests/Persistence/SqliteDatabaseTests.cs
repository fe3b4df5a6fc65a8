using System.Data.Common;
using DocSign.Testing.Services;

namespace DocSign.Infrastructure.Tests.Persistence;

public sealed class SqliteDatabaseTests : DatabaseContract
{
    private readonly string _folder = TestEnvironment.NewTempDirectory("sqlite");

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> NewDatabaseAsync(string purpose, List<IAsyncDisposable> cleanup)
    {
        cleanup.Add(new Cleanup(_folder));
        return Task.FromResult($"Data Source={Path.Combine(_folder, purpose + ".db")};Pooling=False");
    }

    protected override async Task<List<string>> ReadSchemaAsync(DbConnection connection)
    {
        const string userTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__EFMigrationsHistory' AND m.name <> '__EFMigrationsLock'";
        var lines = new List<string>();
        lines.AddRange(await QueryLinesAsync(connection,
            $"SELECT 'column', m.name, p.name, p.type, p.\"notnull\", p.pk FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE {userTables}"));
        lines.AddRange(await QueryLinesAsync(connection,
            $"SELECT 'autoincrement', m.name, instr(upper(m.sql), 'AUTOINCREMENT') > 0 FROM sqlite_master m WHERE {userTables}"));
        lines.AddRange(await QueryLinesAsync(connection,
            $"SELECT 'index', m.name, il.name, il.\"unique\", (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) FROM sqlite_master m JOIN pragma_index_list(m.name) il WHERE {userTables}"));
        lines.AddRange(await QueryLinesAsync(connection,
            $"SELECT 'fk', m.name, f.\"table\", f.\"from\", f.\"to\", f.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE {userTables}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private sealed class Cleanup(string folder) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }
}
