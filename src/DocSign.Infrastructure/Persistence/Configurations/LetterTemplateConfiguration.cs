using DocSign.Core.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> e)
    {
        e.ToTable("LetterTemplates");
        e.HasKey(x => x.OfficeId);
        e.Property(x => x.OfficeId).HasMaxLength(64);
        e.Property(x => x.NumberPattern).HasMaxLength(200).IsRequired();
        e.Property(x => x.UnitCode).HasMaxLength(LetterTemplate.MaxUnitCodeLength).IsRequired();
        e.Property(x => x.DefaultClassification).HasMaxLength(32).IsRequired();
        e.Property(x => x.InsertStyle).HasConversion(s => s.ToWire(), s => s == "letter" ? InsertStyle.Letter : InsertStyle.Dot).HasMaxLength(8).IsRequired();
        e.Property(x => x.TimeZone).HasMaxLength(LetterTemplate.MaxTimeZoneLength).IsRequired();
        e.Property(x => x.Place).HasMaxLength(LetterTemplate.MaxPlaceLength).IsRequired();
        e.Property(x => x.Letterhead).HasMaxLength(LetterTemplate.MaxLetterheadLength).IsRequired();
        e.Property(x => x.Addressee).HasMaxLength(500).IsRequired();
        e.Property(x => x.Sifat).HasMaxLength(32).IsRequired();
        e.Property(x => x.SenderAuthority).HasMaxLength(16).IsRequired();
        e.Property(x => x.SenderTitle).HasMaxLength(LetterTemplate.MaxSenderTitleLength).IsRequired();
        e.Property(x => x.SenderName).HasMaxLength(LetterTemplate.MaxSenderNameLength).IsRequired();
        e.Property(x => x.SenderNip).HasMaxLength(32).IsRequired();
        e.Property(x => x.Signer).HasConversion(s => s.ToWire(), s => s == "camat" ? LetterSigner.Camat : s == "sekcam" ? LetterSigner.Sekcam : LetterSigner.Seal).HasMaxLength(16).IsRequired();
        e.Property(x => x.AutoNumberOnSigning).IsRequired();
        e.Property(x => x.RetentionClass).HasMaxLength(LetterTemplate.MaxRetentionClassLength).IsRequired();
        e.Property(x => x.RetentionYears).IsRequired();
        e.Property(x => x.PaperSize).HasConversion(p => p.ToWire(), p => p == "F4" ? PaperSize.F4 : PaperSize.A4).HasMaxLength(8).IsRequired();
        e.Property(x => x.Telephone).HasMaxLength(LetterTemplate.MaxTelephoneLength).IsRequired();
        e.Property(x => x.Website).HasMaxLength(LetterTemplate.MaxWebsiteLength).IsRequired();
        e.Property(x => x.CarbonCopies).HasMaxLength(LetterTemplate.MaxCarbonCopiesLength).IsRequired();
        e.Property(x => x.EmblemKey).HasMaxLength(512);
        e.Property(x => x.EmblemSha256).HasMaxLength(64);
        e.Property(x => x.EmblemContentType).HasMaxLength(32);
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
