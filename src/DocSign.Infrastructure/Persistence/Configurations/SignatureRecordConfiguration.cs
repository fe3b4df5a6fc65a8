using DocSign.Core.Signing;
using DocSign.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class SignatureRecordConfiguration : IEntityTypeConfiguration<SignatureRecord>
{
    public void Configure(EntityTypeBuilder<SignatureRecord> e)
    {
        e.ToTable("SignatureRecords");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.PublicId).HasMaxLength(32).IsRequired();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Kind).HasConversion(k => k.ToWire(), s => SigningColumns.Kind(s)).HasMaxLength(16).IsRequired();
        e.Property(x => x.SignerUserId).HasMaxLength(64).IsRequired();
        e.Property(x => x.SignerName).HasMaxLength(300).IsRequired();
        e.Property(x => x.Nip).HasMaxLength(32);
        e.Property(x => x.Jabatan).HasMaxLength(500).IsRequired();
        e.Property(x => x.Authority).HasConversion(k => k.ToWire(), s => SigningColumns.Authority(s)).HasMaxLength(16).IsRequired();
        e.Property(x => x.DecreeNumber).HasMaxLength(SignerEnrolment.MaxDecreeLength);
        e.Property(x => x.CertificateIssuer).HasMaxLength(300).IsRequired();
        e.Property(x => x.CertificateSerial).HasMaxLength(128).IsRequired();
        e.Property(x => x.Level).HasConversion(l => l.ToWire(), s => SigningColumns.Level(s)).HasMaxLength(8).IsRequired();
        e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        e.Property(x => x.FieldName).HasMaxLength(128).IsRequired();
        e.Ignore(x => x.Box);
        e.HasOne<Core.Documents.Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.PublicId).IsUnique();
        // One signature of each kind per submitted version: a second, concurrent request fails here and rolls back.
        e.HasIndex(x => new { x.DocumentId, x.SourceVersionNumber, x.Kind }).IsUnique();
    }
}
