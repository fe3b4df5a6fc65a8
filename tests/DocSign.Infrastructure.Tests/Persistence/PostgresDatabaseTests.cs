using System.Data.Common;
using DocSign.Testing.Services;

namespace DocSign.Infrastructure.Tests.Persistence;

public sealed class PostgresDatabaseTests : DatabaseContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string> NewDatabaseAsync(string purpose, List<IAsyncDisposable> cleanup)
    {
        var database = await PostgresDatabase.CreateAsync(purpose);
        cleanup.Add(database);
        return database.ConnectionString;
    }

    protected override async Task<List<string>> ReadSchemaAsync(DbConnection connection)
    {
        const string notHistory = "NOT LIKE '\\_\\_EFMigrations%'";
        var lines = new List<string>();
        lines.AddRange(await QueryLinesAsync(connection,
            $"""
            SELECT 'column', table_name, column_name, data_type, coalesce(character_maximum_length, -1), is_nullable, is_identity, coalesce(identity_generation, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name {notHistory}
            """));
        lines.AddRange(await QueryLinesAsync(connection,
            $"SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename {notHistory}"));
        lines.AddRange(await QueryLinesAsync(connection,
            $"SELECT 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text {notHistory.Replace("'\\_\\_", "'\"\\_\\_")}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
