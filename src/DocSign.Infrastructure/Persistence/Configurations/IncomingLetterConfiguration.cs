using DocSign.Core.Documents;
using DocSign.Core.Intake;
using DocSign.Core.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class IncomingLetterConfiguration : IEntityTypeConfiguration<IncomingLetter>
{
    public void Configure(EntityTypeBuilder<IncomingLetter> e)
    {
        e.ToTable("IncomingLetters");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Number).HasMaxLength(IncomingLetter.MaxNumberLength).IsRequired();
        e.Property(x => x.Sender).HasMaxLength(IncomingLetter.MaxSenderLength).IsRequired();
        e.Property(x => x.Subject).HasMaxLength(IncomingLetter.MaxSubjectLength).IsRequired();
        e.Property(x => x.Sifat).HasMaxLength(32).IsRequired();
        e.Property(x => x.Urgency).HasMaxLength(32).IsRequired();
        e.Property(x => x.RegisteredById).HasMaxLength(450).IsRequired();
        e.Property(x => x.RegisteredBy).HasMaxLength(256).IsRequired();
        e.Property(x => x.ScanName).HasMaxLength(255);
        e.Property(x => x.ScanKey).HasMaxLength(512);
        e.Property(x => x.ScanSha256).HasMaxLength(64);
        e.Property(x => x.StartedBy).HasMaxLength(256);
        e.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OfficeId, x.ReceivedOn });
        e.HasIndex(x => x.DocumentId).IsUnique();
        e.HasMany(x => x.Dispositions).WithOne().HasForeignKey(d => d.LetterId).OnDelete(DeleteBehavior.Restrict);
        e.Navigation(x => x.Dispositions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DisposisiConfiguration : IEntityTypeConfiguration<Disposisi>
{
    public void Configure(EntityTypeBuilder<Disposisi> e)
    {
        e.ToTable("Dispositions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.ToUser).HasMaxLength(256);
        e.Property(x => x.ToRole).HasMaxLength(32);
        e.Property(x => x.Instruction).HasMaxLength(Disposisi.MaxInstructionLength).IsRequired();
        e.Property(x => x.By).HasMaxLength(256).IsRequired();
        e.HasIndex(x => new { x.LetterId, x.Number }).IsUnique();
    }
}
