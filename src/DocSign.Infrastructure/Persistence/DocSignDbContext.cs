using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>
/// The one database of DocSign (SQLite or PostgreSQL). The schema is created and upgraded only by the
/// hand-written migrations in <c>Persistence/Migrations</c>; the mapping below must stay provider-neutral
/// (no column type names), which <c>MigrationsMatchModel</c> tests check on both providers.
/// </summary>
public sealed class DocSignDbContext(DbContextOptions<DocSignDbContext> options) : IdentityUserContext<DocSignUser>(options)
{
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    // Pinned so that the model never depends on whatever IdentityOptions the host happens to configure:
    // the migrations were written against exactly this schema.
    protected override Version SchemaVersion => IdentitySchemaVersions.Version1;

    /// <summary>
    /// Every instant is stored in UTC: Npgsql refuses a non-zero offset for <c>timestamp with time zone</c>, and
    /// domain code may compute times in the office's zone (WIB, +07:00). The instant is kept; the offset is not.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstant>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcInstant>();
    }

    private sealed class UtcInstant() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v.ToUniversalTime());

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // New entities get one IEntityTypeConfiguration class each under Persistence/Configurations (and a
        // hand-written migration of their own); the entities below predate that and are mapped here.
        builder.ApplyConfigurationsFromAssembly(typeof(DocSignDbContext).Assembly);

        builder.Entity<DocSignUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(DocSignUser.MaxDisplayNameLength).IsRequired();
            u.Property(x => x.IsAdministrator).IsRequired();
        });
        // Key lengths fixed here (not from IdentityOptions.Stores) for the same reason as SchemaVersion.
        builder.Entity<IdentityUserLogin<string>>(l =>
        {
            l.Property(x => x.LoginProvider).HasMaxLength(128);
            l.Property(x => x.ProviderKey).HasMaxLength(128);
        });
        builder.Entity<IdentityUserToken<string>>(t =>
        {
            t.Property(x => x.LoginProvider).HasMaxLength(128);
            t.Property(x => x.Name).HasMaxLength(128);
        });

        builder.Entity<Office>(o =>
        {
            o.ToTable("Offices");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).HasMaxLength(64);
            o.Property(x => x.Name).HasMaxLength(200).IsRequired();
        });

        builder.Entity<Membership>(m =>
        {
            m.ToTable("Memberships");
            m.HasKey(x => new { x.UserId, x.OfficeId });
            m.Property(x => x.OfficeId).HasMaxLength(64);
            m.Property(x => x.Role).HasMaxLength(32).IsRequired();
            m.HasOne<DocSignUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
            m.HasIndex(x => x.OfficeId);
        });

        builder.Entity<Document>(d =>
        {
            d.ToTable("Documents");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
            d.Property(x => x.Kind).HasMaxLength(Document.MaxKindLength).IsRequired();
            d.Property(x => x.Title).HasMaxLength(Document.MaxTitleLength).IsRequired();
            d.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
            d.Property(x => x.Instruction).HasMaxLength(Document.MaxInstructionLength);
            d.Property(x => x.AttachmentName).HasMaxLength(Document.MaxAttachmentNameLength);
            d.Property(x => x.AttachmentKey).HasMaxLength(512);
            d.Property(x => x.AttachmentSha256).HasMaxLength(64);
            d.Property(x => x.RouteReturnNote).HasMaxLength(2000);
            d.Property(x => x.RouteReturnedByName).HasMaxLength(256);
            d.Property(x => x.RouteReturnedByRole).HasMaxLength(64);
            d.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
            d.HasIndex(x => new { x.OfficeId, x.Year });
            d.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Restrict);
            d.Navigation(x => x.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<DocumentVersion>(v =>
        {
            v.ToTable("DocumentVersions");
            v.HasKey(x => x.Id);
            v.Property(x => x.Id).ValueGeneratedNever();
            // Stored as the wire word so that adding stages later (e.g. "signed" rows) needs no data migration.
            v.Property(x => x.Stage).HasConversion(s => s.ToWire(), s => ParseStage(s)).HasMaxLength(16).IsRequired();
            v.Property(x => x.UploadedBy).HasMaxLength(256).IsRequired();
            v.Property(x => x.Note).HasMaxLength(DocumentVersion.MaxNoteLength);
            v.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
            v.Property(x => x.ObjectKey).HasMaxLength(512).IsRequired();
            v.HasIndex(x => new { x.DocumentId, x.Number }).IsUnique();
            v.HasIndex(x => x.ObjectKey).IsUnique();
        });
    }

    private static VersionStage ParseStage(string s) =>
        VersionStages.TryParse(s, out var stage) ? stage : throw new InvalidOperationException($"Unknown stage '{s}' in database.");
}
