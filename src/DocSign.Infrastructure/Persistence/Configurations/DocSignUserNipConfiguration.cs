using DocSign.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

/// <summary>The NIP on record of an account (migration SignerNip).</summary>
internal sealed class DocSignUserNipConfiguration : IEntityTypeConfiguration<DocSignUser>
{
    public void Configure(EntityTypeBuilder<DocSignUser> e) => e.Property(x => x.Nip).HasMaxLength(DocSignUser.MaxNipLength);
}
