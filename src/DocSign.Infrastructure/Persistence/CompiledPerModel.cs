using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DocSign.Infrastructure.Persistence;

/// <summary>
/// A query compiled once per EF model. Queries run on every request (the caller's account, an office's letter
/// template) are compiled, which spares EF extracting their parameters from the expression tree each time (a fifth
/// of the service's CPU per letter number); EF ties a compiled query to the model it first ran with, and one
/// process can hold several (SQLite and PostgreSQL hosts side by side in the tests), hence one per model.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
