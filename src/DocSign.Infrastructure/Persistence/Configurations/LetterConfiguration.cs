using DocSign.Core.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class LetterConfiguration : IEntityTypeConfiguration<Letter>
{
    public void Configure(EntityTypeBuilder<Letter> e)
    {
        e.ToTable("Letters");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Number).HasMaxLength(128).IsRequired();
        e.Property(x => x.Classification).HasMaxLength(Letter.MaxClassificationLength).IsRequired();
        e.Property(x => x.Subject).HasMaxLength(Letter.MaxSubjectLength).IsRequired();
        e.Property(x => x.Sifat).HasMaxLength(32).IsRequired();
        e.Property(x => x.Urgency).HasMaxLength(32).IsRequired();
        e.Property(x => x.Addressee).HasMaxLength(Letter.MaxAddresseeLength).IsRequired();
        e.Property(x => x.Kind).HasMaxLength(32).IsRequired();
        e.Property(x => x.IdempotencyKey).HasMaxLength(Letter.MaxIdempotencyKeyLength);
        e.Property(x => x.InsertReason).HasMaxLength(Letter.MaxReasonLength);
        // Stored as the wire words, so that renaming an enum member never changes data.
        e.Property(x => x.Status).HasConversion(s => s.ToWire(), s => ParseStatus(s)).HasMaxLength(16).IsRequired();
        e.Property(x => x.Channel).HasConversion(c => c!.Value.ToWire(), c => ParseChannel(c)).HasMaxLength(16);
        e.Property(x => x.ReservedBy).HasMaxLength(256).IsRequired();
        e.Property(x => x.IssuedBy).HasMaxLength(256);
        e.Property(x => x.ObjectKey).HasMaxLength(512);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Recipient).HasMaxLength(Letter.MaxAddresseeLength);
        e.Property(x => x.DispatchedBy).HasMaxLength(256);
        e.Property(x => x.ReceiptKey).HasMaxLength(512);
        e.Property(x => x.ReceiptSha256).HasMaxLength(64);
        e.Property(x => x.ReceiptContentType).HasMaxLength(64);
        e.Property(x => x.ReceiptBy).HasMaxLength(256);
        e.Property(x => x.VoidReason).HasMaxLength(Letter.MaxReasonLength);
        e.Property(x => x.VoidedBy).HasMaxLength(256);
        e.HasOne<Core.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        // The register's guarantee: one letter per number (regular or sisipan) per office and year.
        e.HasIndex(x => new { x.OfficeId, x.Year, x.Sequence, x.Insert }).IsUnique();
        // A retried request (same key) finds its letter instead of taking a second number.
        e.HasIndex(x => new { x.OfficeId, x.IdempotencyKey }).IsUnique();
        e.HasIndex(x => x.DocumentId);
    }

    private static LetterStatus ParseStatus(string s) =>
        LetterWords.TryParseStatus(s, out var status) ? status : throw new InvalidOperationException($"Unknown letter status '{s}' in database.");

    private static LetterChannel? ParseChannel(string? c) =>
        c is null ? null : LetterWords.TryParseChannel(c, out var ch) ? ch : throw new InvalidOperationException($"Unknown channel '{c}' in database.");
}
