using DocSign.Core.Signing;
using DocSign.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DocSign.Infrastructure.Persistence.Configurations;

internal sealed class SignerEnrolmentConfiguration : IEntityTypeConfiguration<SignerEnrolment>
{
    public void Configure(EntityTypeBuilder<SignerEnrolment> e)
    {
        e.ToTable("SignerEnrolments");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.UserId).IsRequired();
        e.Property(x => x.OfficeId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Purpose).HasConversion(k => k.ToWire(), s => SigningColumns.Kind(s)).HasMaxLength(16).IsRequired();
        // The PKCS#12 exactly as uploaded: encrypted under the signer's passphrase, which is stored nowhere.
        e.Property(x => x.Pkcs12).IsRequired();
        e.Property(x => x.CertificateSubject).HasMaxLength(1000).IsRequired();
        e.Property(x => x.CertificateIssuer).HasMaxLength(1000).IsRequired();
        e.Property(x => x.IssuerName).HasMaxLength(300).IsRequired();
        e.Property(x => x.CertificateSerial).HasMaxLength(128).IsRequired();
        e.Property(x => x.SignerName).HasMaxLength(300).IsRequired();
        e.Property(x => x.Nip).HasMaxLength(32);
        e.Property(x => x.Jabatan).HasMaxLength(SignerEnrolment.MaxJabatanLength).IsRequired();
        e.Property(x => x.Authority).HasConversion(k => k.ToWire(), s => SigningColumns.Authority(s)).HasMaxLength(16).IsRequired();
        e.Property(x => x.DecreeNumber).HasMaxLength(SignerEnrolment.MaxDecreeLength);
        e.Property(x => x.EnrolledBy).HasMaxLength(256).IsRequired();
        // How he signs (issue 20); never a passphrase, TOTP or PIN.
        e.Property(x => x.Method).HasConversion(m => SigningColumns.MethodWire(m), s => SigningColumns.Method(s)).HasMaxLength(16).IsRequired();
        e.Property(x => x.Nik).HasMaxLength(16);
        e.Property(x => x.TokenLabel).HasMaxLength(100);
        e.Property(x => x.KeyLabel).HasMaxLength(100);
        e.HasOne<DocSignUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.UserId, x.OfficeId, x.Purpose });
    }
}
